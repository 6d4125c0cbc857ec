"""Word lists for language detection, the default codeframe and sentiment.

Patterns are matched (with RE2, case-insensitively) on text that has been lower-cased and, for
Latin scripts, stripped of accents, so they are written without accents. Latin and Cyrillic
entries are word stems anchored at a word start (``\\b``); Korean and Chinese entries match
anywhere, as those languages do not separate words the same way.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "es", "de", "ru", "ko", "zh")

#: Frequent function words (and a few very frequent survey words, so that short comments
#: such as "Livraison rapide, merci" are recognised), used to tell Latin languages apart.
FUNCTION_WORDS = {
    "en": ["the", "and", "is", "was", "it", "to", "of", "my", "i", "you", "very", "but", "not",
           "with", "for", "this", "that", "have", "had", "are", "they", "so", "just", "will",
           "would", "great", "good", "order", "always", "never", "after", "again", "thanks",
           "thank", "delivery", "fast", "love", "service", "price", "prices", "staff"],
    "fr": ["le", "la", "les", "et", "est", "un", "une", "des", "du", "je", "tres", "pas",
           "mais", "pour", "avec", "sur", "dans", "que", "qui", "il", "elle", "nous", "vous",
           "ce", "cette", "au", "aux", "plus", "bien", "toujours", "j", "c", "n", "d", "l",
           "merci", "livraison", "rapide", "prix", "magasin", "produit", "produits",
           "personnel", "caisse", "accueil", "commande", "de", "en", "vous", "votre", "vos",
           "pourquoi", "moins", "peu", "qu", "sont", "ont", "fait", "faire", "trop", "svp",
           "conseils", "vendeur", "caisses", "rayon", "choix", "plantes"],
    "es": ["el", "la", "los", "las", "y", "es", "un", "una", "de", "muy", "pero", "con",
           "para", "por", "que", "en", "mi", "lo", "se", "no", "del", "al", "todo", "siempre",
           "fue", "estaba", "llego", "gracias", "entrega", "rapido", "precio", "precios",
           "envio", "producto", "pedido", "tienda"],
    "de": ["der", "die", "das", "und", "ist", "ein", "eine", "nicht", "sehr", "aber", "mit",
           "fur", "auf", "ich", "es", "zu", "den", "dem", "war", "nach", "immer", "auch",
           "wieder", "kam", "danke", "gut", "lieferung", "schnell", "preis", "preise",
           "versand", "ware", "bestellung"],
}
#: Letters that point to one Latin-script language.
DIACRITIC_HINTS = {"fr": "[éèêàçùœâîô]", "es": "[ñ¿¡áíóú]", "de": "[äöüß]"}

#: Answers that are not answers (after lower-casing and trimming punctuation).
NON_ANSWERS = [
    "n/a", "na", "n.a", "n.a.", "none", "nothing", "no comment", "no comments", "nope", "nil",
    "-", "--", ".", "..", "...", "?", "x", "idk", "no", "nothing to add", "nothing to say",
    "ras", "r.a.s", "rien", "rien a signaler", "aucun", "aucune", "sans commentaire", "nc",
    "aucune remarque", "aucune observation", "aucun commentaire", "pas de commentaire",
    "pas de remarque", "rien a dire", "rien de special", "non", "ok", "o.k", "o.k.",
    "nada", "ninguno", "sin comentarios", "nichts", "keine", "keiner", "kein kommentar",
    "нет", "ничего", "без комментариев", "없음", "없어요", "없습니다", "无", "没有", "暂无",
]

#: Default e-commerce codeframe: theme -> patterns (any language).
DEFAULT_CODEFRAME: dict[str, list[str]] = {
    "delivery": [
        r"\bdeliver", r"\bshipping\b", r"\bshipped\b", r"\bparcel", r"\bpackage", r"\bcourier",
        r"\barriv", r"\btracking\b", r"\bdispatch", r"\blate\b",
        r"\blivr", r"\bcolis\b", r"\btransporteur", r"\bexpedi", r"\bretard",
        r"\bentrega", r"\benvio", r"\bpaquete", r"\bllego", r"\bretraso",
        r"\bliefer", r"\bversand\b", r"\bpaket", r"\bsendung", r"\bzustell", r"\bverspat",
        r"\bдоставк", r"\bпосылк", r"\bкурьер", r"\bопоздан",
        r"배송", r"택배", r"도착", r"发货", r"快递", r"物流", r"配送", r"到货",
    ],
    "price": [
        r"\bprice", r"\bpricing", r"\bexpensive", r"\bcheap", r"\bcost", r"\bvalue for money",
        r"\bdiscount", r"\bprix\b", r"\bcher\b", r"\bchere?s?\b", r"\btarif", r"\bpromo",
        r"\breduction", r"\bprecio", r"\bcaro\b", r"\bbarato", r"\bdescuento", r"\bpreis",
        r"\bteuer", r"\bgunstig", r"\brabatt", r"\bцен", r"\bдорог", r"\bдешев", r"\bскидк",
        r"가격", r"비싸", r"가성비", r"배송비", r"할인", r"价格", r"贵", r"便宜", r"性价比", r"运费",
        r"优惠",
    ],
    "product quality": [
        r"\bquality", r"\bbroke", r"\bdefect", r"\bmaterial", r"\bwell made", r"\bseams?\b",
        r"\bdamaged", r"\bqualite", r"\bcasse", r"\bdefectu", r"\babime", r"\bproduit",
        r"\bcalidad", r"\brompio", r"\bdefectuos", r"\bqualitat", r"\bkaputt",
        r"\bverarbeitung", r"\bкачеств", r"\bсломал", r"품질", r"망가", r"质量", r"坏了",
    ],
    "customer service": [
        r"\bcustomer service", r"\bsupport\b", r"\bagent", r"\bstaff", r"\brude\b",
        r"\bfriendly", r"\bon hold\b", r"\bhelpful", r"\bservice client", r"\bconseill",
        r"\bvendeu", r"\bpersonnel", r"\baccueil", r"\baimable", r"\bhotesse", r"\bcaissi",
        r"\bemploye", r"\batencion al cliente", r"\bservicio al cliente", r"\bamable",
        r"\bsoporte", r"\bkundenservice", r"\bkundendienst", r"\bfreundlich",
        r"\bhilfsbereit", r"\bmitarbeiter", r"\bwarteschleife", r"\bподдержк", r"\bоператор",
        r"\bвежлив", r"\bхамств", r"고객센터", r"상담원", r"친절", r"客服", r"服务态度", r"态度",
    ],
    "website/app": [
        r"\bwebsite", r"\bsite\b", r"\bapp\b", r"\bcheckout", r"\blog ?in\b", r"\bcrash",
        r"\bsearch\b", r"\bfilters?\b", r"\bapplication", r"\bappli\b", r"\bconnexion",
        r"\bplante au moment", r"\bbug", r"\bweb\b", r"\bpagina", r"\baplicacion",
        r"\bwebseite", r"\bsturzt", r"\bсайт", r"\bприложени", r"\bвылета", r"앱", r"사이트",
        r"결제", r"网站", r"应用", r"闪退", r"付款",
    ],
    "returns/refunds": [
        r"\breturn", r"\brefund", r"\bexchange", r"\bretour", r"\brembours", r"\bechang",
        r"\bdevolucion", r"\breembolso", r"\bdevolver", r"\brucksend", r"\berstattung",
        r"\bumtausch", r"\bretoure", r"\bвозврат", r"반품", r"환불", r"교환", r"退货", r"退款", r"换货",
    ],
    "stock/availability": [
        r"\bout of stock", r"\bin stock", r"\bsold out", r"\bavailab", r"\bselection\b",
        r"\brupture", r"\ben stock", r"\bagotad", r"\bausverkauft", r"\blieferbar",
        r"\bvorratig", r"\bнет в наличии", r"\bв наличии", r"품절", r"재고", r"缺货", r"有货",
        r"库存",
    ],
    "loyalty programme": [
        r"\bloyalty", r"\bpoints?\b", r"\bmember", r"\breward", r"\bvoucher", r"\bperks?\b",
        r"\bfidelite", r"\bcarte\b", r"\bpuntos", r"\bfidelidad", r"\btreue", r"\bbonus",
        r"\bpunkte", r"\bлояльност", r"\bбалл", r"\bбонус", r"적립", r"포인트", r"멤버십", r"积分",
        r"会员",
    ],
}

#: Sentiment lexicons: positive and negative stems per language, and negators.
POSITIVE = {
    "en": [r"\bgreat", r"\bgood\b", r"\bexcellent", r"\bperfect", r"\blove", r"\bhappy",
           r"\bfast\b", r"\bquick", r"\bfriendly", r"\bhelpful", r"\bpainless", r"\beasy\b",
           r"\bthank", r"\bawesome", r"\bamazing", r"\brecommend", r"\bfair\b", r"\bnice\b",
           r"\bwell\b", r"\bsatisf", r"\bbest\b", r"\bsuper\b", r"\bclean\b", r"\bpleasant"],
    "fr": [r"\bbien\b", r"\bbon\b", r"\bbonne", r"\bexcellent", r"\bparfait", r"\bagreable",
           r"\baimable", r"\bsympa", r"\baccueillant", r"\bcompetent", r"\bdisponible",
           r"\brapide", r"\befficace", r"\bsatisfai", r"\bcontent", r"\bravi", r"\bsuper\b",
           r"\bgenial", r"\bmerci", r"\btop\b", r"\brecommande", r"\bbeau", r"\bbelle",
           r"\bchaleureu", r"\bsouriant", r"\bplaisant", r"\bbravo", r"\bcorrect"],
    "es": [r"\bbueno", r"\bbuena", r"\bexcelente", r"\bperfect", r"\bencanta", r"\brapid",
           r"\bamable", r"\bfacil", r"\bgracias", r"\brecomiendo", r"\bgenial", r"\bcontento"],
    "de": [r"\bgut\b", r"\bsuper\b", r"\bschnell", r"\bfreundlich", r"\bhilfsbereit",
           r"\btop\b", r"\bdanke", r"\bfair", r"\bproblemlos", r"\beinfach", r"\bzufrieden",
           r"\bgerne", r"\bperfekt", r"\bempfehle"],
    "ru": [r"\bхорош", r"\bотличн", r"\bбыстр", r"\bвежлив", r"\bудобн", r"\bспасибо",
           r"\bрекомендую", r"\bвыгодн", r"\bдоволен", r"\bсупер"],
    "ko": [r"좋아", r"좋고", r"빨라", r"빠르", r"친절하", r"편리", r"추천", r"감사", r"최고", r"만족",
           r"합리적", r"꼼꼼"],
    "zh": [r"很好", r"满意", r"很快", r"方便", r"推荐", r"谢谢", r"实惠", r"划算", r"不错", r"喜欢",
           r"一模一样", r"态度很好"],
}
NEGATIVE = {
    "en": [r"\blate\b", r"\blost\b", r"\bdamaged", r"\bbroke", r"\bpoor\b", r"\bbad\b",
           r"\bterrible", r"\bawful", r"\bworst", r"\brude\b", r"\bnever\b", r"\bdisappoint",
           r"\bexpensive", r"\bridiculous", r"\bcrash", r"\bslow\b", r"\bnightmare",
           r"\bwaiting\b", r"\bforever\b", r"\bconfusing", r"\bcheap material", r"\bhorrible",
           r"\bangry", r"\bworse\b", r"\bproblem", r"\bfix this"],
    "fr": [r"\battente", r"\blong\b", r"\blongue", r"\blent", r"\bcher\b", r"\bdecu",
           r"\bdecevant", r"\bmauvais", r"\bnul\b", r"\bdesagreable", r"\bimpoli", r"\bmanque",
           r"\brupture", r"\bprobleme", r"\bsale\b", r"\berreur", r"\bincompetent",
           r"\binadmissible", r"\bdommage", r"\bretard", r"\bperdu", r"\babime", r"\btrop\b", r"\bcomplique", r"\bjamais", r"\bexcessif", r"\bhonte", r"\bscandal"],
    "es": [r"\bretraso", r"\bperdio", r"\bmala\b", r"\bmalo\b", r"\bpesim", r"\bcaro\b",
           r"\bdecepcion", r"\bnunca\b", r"\blent", r"\bagotad", r"\bexcesiv", r"\brompio"],
    "de": [r"\bspat\b", r"\bverloren", r"\bschlecht", r"\bteuer", r"\benttausch", r"\bnie\b",
           r"\bkaputt", r"\bewig", r"\bnutzlos", r"\bausverkauft", r"\bkompliziert",
           r"\bsturzt", r"\bniemand"],
    "ru": [r"\bопоздан", r"\bпотерял", r"\bплох", r"\bужасн", r"\bдорог", r"\bразочарован",
           r"\bсломал", r"\bне отвечает", r"\bвылета", r"\bвечность"],
    "ko": [r"늦게", r"분실", r"별로", r"실망", r"비싸", r"망가", r"안 해", r"꺼져", r"품절", r"오래 걸려",
           r"불친절", r"달라요"],
    "zh": [r"太慢", r"丢了", r"很差", r"失望", r"太贵", r"坏了", r"闪退", r"缺货", r"没有到账",
           r"不回复", r"差别很大", r"不会再买"],
}
NEGATORS = [r"\bnot\b", r"\bnever\b", r"\bno\b", r"n't\b", r"\bpas\b", r"\bjamais\b",
            r"\bnunca\b", r"\bnicht\b", r"\bkein", r"\bне\b"]
