"""Codeframe presets: the themes customers write about, per kind of business and language.

Each preset maps a theme to patterns per language (ISO 639-1). A comment is matched only with
the patterns of its own language (``comment_language``), so the French "expedie" (shipped)
does not code the Spanish "expedita" (quick) as delivery; comments of undetermined language
are matched with every language's patterns. Patterns match lower-cased text with accents
stripped (see :func:`nps_toolkit.code_themes`): write them without accents, ``\\b`` anchors a
word start or end. Pick one with ``code_themes(df, codeframe="saas")``; for your own, copy
one with ``copy.deepcopy(nt.CODEFRAMES["retail"])`` and edit the copy (themes such as "overall
impression" are the same objects in every preset, so editing a preset in place changes all).
"""

from __future__ import annotations

Patterns = dict[str, list[str]]

# Punctuation and spaces around a comment that is one short evaluation ("Excelente!").
_P = r"[\s.,;:!?()'\"*~¡¿…-]*"


def _alone(words: str) -> str:
    """A pattern for a comment that is only ``words`` (a regular expression), give or take
    punctuation: "EXCELENTE.", "¡muy bien!"."""
    return rf"^{_P}(?:{words}){_P}$"


#: General praise or complaint with no reason given ("Excellent", "todo bien", "mal
#: servicio"), in every preset: it tells the analyst how many comments say nothing specific
#: (a bank's own codeframe read for validation calls them "FAN"). A specific reason in the
#: same comment is coded under its own theme as well.
OVERALL: Patterns = {
    "en": [_alone(r"(?:very |really |so |all |just )?(?:good|great|excellent|perfect|fine|"
                  r"awesome|amazing|fantastic|terrible|awful|horrible|bad|poor)"),
           r"\b(?:great|good|excellent|amazing|awesome|fantastic|terrible|awful|poor|bad) "
           r"(?:service|bank|company|experience|overall)\b",
           r"\ball good\b", r"\beverything (?:is |was |has been )?(?:great|good|fine|perfect|"
           r"excellent)", r"\bthe best (?:bank|company|service)", r"\bhighly recommend",
           r"\bwould recommend", r"\bno complaints", r"\bworst (?:bank|company|service|"
           r"experience)"],
    "fr": [_alone(r"(?:tres |tout |tout est |tout etait )?(?:bien|bon|parfait|super|"
                  r"excellent|nul|top|genial|correct|impeccable)"),
           r"\btout (?:est |etait |s'est )?(?:tres )?(?:bien|parfait|impeccable)",
           r"\brien a (?:dire|redire|signaler)", r"\b(?:tres )?(?:bon|mauvais|excellent) service",
           r"\bje (?:vous )?recommande", r"\bsatisfaite?s?\b"],
    "es": [_alone(r"(?:muy |todo |todo muy |siempre |es |son )?(?:bien|buen[oa]s?|"
                  r"exc?elentes?|perfecto|genial|mal[oa]?|pesim[oa])"),
           r"\btodo (?:es |esta |ha sido )?(?:muy )?(?:bien|excelente|exelente|perfecto)",
           r"\b(?:muy )?(?:buen|mal|pesimo|exc?elente) (?:servicio|banco|experiencia)",
           r"\bbuena experiencia", r"\bservicio (?:muy )?(?:bueno|exc?elente|malo|pesimo)",
           r"\b(?:el |mi )?mejor banco", r"^lo mejor", r"\bsatisfech", r"\brecomendable",
           r"\blos recomiendo", r"\bnada especial"],
    "de": [_alone(r"(?:sehr |alles |alles ist |alles war )?(?:gut|super|toll|top|perfekt|prima|"
                  r"ausgezeichnet|hervorragend|schlecht)"),
           r"\balles (?:ist |war |lief )?(?:sehr |bestens )?(?:gut|super|top|perfekt|bestens|"
           r"in ordnung)", r"\b(?:guter|toller|schlechter|sehr guter|super) service",
           r"\bzufrieden", r"\bempfehlenswert", r"\bkann (?:ich )?(?:sie )?(?:nur )?empfehlen",
           r"\bnichts zu (?:meckern|bemangeln|beanstanden)"],
    # Cyrillic is folded too: "й" loses its breve, so stems stop before it.
    "ru": [_alone(r"(?:все |очень |все очень )?(?:хорошо|отлично|супер|прекрасно|нормально|"
                  r"плохо|ужасно)"),
           r"\bвсе (?:очень )?(?:хорошо|отлично|устраивает|супер)",
           r"\b(?:хорош|отличн|плох|ужасн)\S* (?:сервис|банк|обслуживани)", r"\bдовол[еь]н",
           r"\bрекомендую", r"\bнет замечани"],
    "ko": [r"만족합니다", r"만족해요", r"만족스럽", r"추천합니다", r"추천해요", r"최악",
           r"모든 게 좋", r"다 좋아요", r"전반적으로"],
    "zh": [r"很好", r"非常好", r"很满意", r"满意", r"推荐", r"不错", r"很差", r"太差", r"失望"],
}

#: Comments about the survey itself ("demasiadas encuestas", "stop the pop-ups"): common
#: wherever the question pops up in an app or after every visit.
SURVEY: Patterns = {
    "en": [r"\bsurveys?\b", r"\bquestionnaire", r"\bpop.?ups?\b", r"\bthis (?:rating|question)"],
    "fr": [r"\bquestionnaire", r"\benquetes?\b", r"\bsondage"],
    "es": [r"\bencuesta", r"\bcuestionario", r"\bvaloracion", r"\bevaluacion",
           r"\b(?:piden?|pedir|dar|hacer|insist\S*) (?:(?:la|su|mi|una|de|en|en la) )?opinion"],
    "de": [r"\bumfrage", r"\bfragebogen", r"\bbefragung"],
    "ru": [r"\bопрос", r"\bанкет"],
    "ko": [r"설문"],
    "zh": [r"问卷", r"调查"],
}

#: Fit and size of clothes and shoes: the subject of most comments on online fashion.
FIT_AND_SIZE: Patterns = {
    # garment words only: "too long" is a wait and "trop petit" a small shop as often as a
    # small dress (tried on the real Botanic comments: 62 hits, most of them wrong)
    "en": [r"\bfits?\b", r"\bfitted\b", r"\bsizes?\b", r"\bsizing",
           r"\bruns? (?:small|large|big|true)", r"\btrue to size", r"\btts\b",
           r"\btoo (?:small|big|tight|loose|baggy)\b", r"\bpetite", r"\bwaist", r"\bbust\b",
           r"\bsize (?:up|down)"],
    "fr": [r"\btaill(?:e|ent) (?:petit|grand|bien|normalement)", r"\bpointure",
           r"\bune taille (?:au-dessus|en dessous|de plus|de moins)", r"\btrop (?:serre|ample)"],
    "es": [r"\btallas?\b", r"\bhorma\b", r"\bme queda (?:chic|grand|apretad|bien|mal)"],
    "de": [r"\bpassform", r"\bpasst (?:nicht|gut|perfekt)", r"\bfallt (?:klein|gross)",
           r"\bzu (?:klein|eng|weit)\b", r"\bkonfektionsgrosse"],
    "ru": [r"\bразмер", r"\bмаломер", r"\bбольшемер", r"\bпо фигуре"],
    "ko": [r"사이즈", r"치수", r"핏이", r"작아요"],
    "zh": [r"尺码", r"偏小", r"偏大", r"合身"],
}

#: How easy the product is to use: software and online banking alike.
EASE_OF_USE: Patterns = {
    "en": [r"\beasy\b", r"\beasier", r"\bsimple", r"\bintuitive", r"\buser.?friendly",
           r"\bconfusing", r"\bcomplicated", r"\bcomplex", r"\blearning curve", r"\bclunky",
           r"\bhard to (?:use|find|navigate)", r"\bdifficult to", r"\bstraightforward",
           r"\bux\b", r"\bui\b", r"\binterface", r"\bnavigat", r"\bcumbersome"],
    "fr": [r"\bfacile", r"\bsimple", r"\bintuiti", r"\bergonom", r"\bcomplique",
           r"\binterface", r"\bprise en main", r"\bpratique", r"\bnavigation"],
    "es": [r"\bfa[cs]il", r"\bsencill", r"\bintuitiv", r"\bcomplica", r"\bdificil",
           r"\binterfaz", r"\bamigable", r"\bpractic", r"\bconfus", r"\bmanejable",
           r"\bnavegacion", r"\bnavegar\b", r"\bengorros", r"\btedios"],
    "de": [r"\beinfach", r"\bintuitiv", r"\bbenutzerfreundlich", r"\bkompliziert",
           r"\bbedienung", r"\boberflache", r"\bumstandlich", r"\bubersichtlich",
           r"\bunubersichtlich"],
    "ru": [r"\bудобн", r"\bнеудобн", r"\bпрост", r"\bпонятн", r"\bинтуитив", r"\bсложн",
           r"\bинтерфейс"],
    "ko": [r"사용하기", r"편리", r"편해", r"직관", r"복잡", r"불편", r"인터페이스"],
    "zh": [r"易用", r"好用", r"简单", r"方便", r"复杂", r"麻烦", r"界面"],
}

ECOMMERCE: dict[str, Patterns] = {
    "delivery": {
        "en": [r"\bdeliver", r"\bshipping\b", r"\bshipped\b", r"\bparcel", r"\bpackage",
               r"\bcourier", r"\barriv", r"\btracking\b", r"\bdispatch", r"\blate\b"],
        "fr": [r"\blivr", r"\bcolis\b", r"\btransporteur", r"\bexpedi", r"\bretard"],
        "es": [r"\bentrega", r"\benvio", r"\bpaquete", r"\bllego", r"\bretraso", r"\bmensajer"],
        "de": [r"\bliefer", r"\bversand\b", r"\bpaket", r"\bsendung", r"\bzustell",
               r"\bverspat"],
        "ru": [r"\bдоставк", r"\bпосылк", r"\bкурьер", r"\bопоздан"],
        "ko": [r"배송", r"택배", r"도착"],
        "zh": [r"发货", r"快递", r"物流", r"配送", r"到货"],
    },
    "price": {
        "en": [r"\bprice", r"\bpricing", r"\bexpensive", r"\bcheap", r"\bcost",
               r"\bvalue for money", r"\bdiscount"],
        "fr": [r"\bprix\b", r"\bcher\b", r"\bchere?s?\b", r"\btarif", r"\bpromo", r"\breduction"],
        "es": [r"\bprecio", r"\bcaro\b", r"\bbarato", r"\bdescuento"],
        "de": [r"\bpreis", r"\bteuer", r"\bgunstig", r"\brabatt"],
        "ru": [r"\bцен", r"\bдорог", r"\bдешев", r"\bскидк"],
        "ko": [r"가격", r"비싸", r"가성비", r"배송비", r"할인"],
        "zh": [r"价格", r"贵", r"便宜", r"性价比", r"运费", r"优惠"],
    },
    "fit & size": FIT_AND_SIZE,
    "product quality": {
        "en": [r"\bquality", r"\bbroke", r"\bdefect", r"\bmaterial", r"\bwell made",
               r"\bseams?\b", r"\bdamaged"],
        "fr": [r"\bqualite", r"\bcasse", r"\bdefectu", r"\babime", r"\bproduit"],
        "es": [r"\bcalidad", r"\brompio", r"\bdefectuos"],
        "de": [r"\bqualitat", r"\bkaputt", r"\bverarbeitung"],
        "ru": [r"\bкачеств", r"\bсломал"],
        "ko": [r"품질", r"망가"],
        "zh": [r"质量", r"坏了"],
    },
    "customer service": {
        "en": [r"\bcustomer service", r"\bsupport\b", r"\bagent", r"\bstaff", r"\brude\b",
               r"\bfriendly", r"\bon hold\b", r"\bhelpful"],
        "fr": [r"\bservice client", r"\bconseill", r"\bvendeu", r"\bpersonnel", r"\baccueil",
               r"\baimable", r"\bhotesse", r"\bcaissi", r"\bemploye"],
        "es": [r"\batencion al cliente", r"\bservicio al cliente", r"\bamable", r"\bsoporte"],
        "de": [r"\bkundenservice", r"\bkundendienst", r"\bfreundlich", r"\bhilfsbereit",
               r"\bmitarbeiter", r"\bwarteschleife"],
        "ru": [r"\bподдержк", r"\bоператор", r"\bвежлив", r"\bхамств"],
        "ko": [r"고객센터", r"상담원", r"친절"],
        "zh": [r"客服", r"服务态度", r"态度"],
    },
    "website/app": {
        "en": [r"\bwebsite", r"\bsite\b", r"\bapp\b", r"\bcheckout", r"\blog ?in\b", r"\bcrash",
               r"\bsearch\b", r"\bfilters?\b", r"\bbug"],
        "fr": [r"\bsite\b", r"\bapplication", r"\bappli\b", r"\bconnexion",
               r"\bplante au moment", r"\bbug"],
        "es": [r"\bweb\b", r"\bpagina", r"\baplicacion", r"\bapp\b"],
        "de": [r"\bwebseite", r"\bsturzt", r"\bapp\b"],
        "ru": [r"\bсайт", r"\bприложени", r"\bвылета"],
        "ko": [r"앱", r"사이트", r"결제"],
        "zh": [r"网站", r"应用", r"闪退", r"付款"],
    },
    "returns/refunds": {
        "en": [r"\breturn", r"\brefund", r"\bexchange"],
        "fr": [r"\bretour", r"\brembours", r"\bechang"],
        "es": [r"\bdevolucion", r"\breembolso", r"\bdevolver"],
        "de": [r"\brucksend", r"\berstattung", r"\bumtausch", r"\bretoure"],
        "ru": [r"\bвозврат"],
        "ko": [r"반품", r"환불", r"교환"],
        "zh": [r"退货", r"退款", r"换货"],
    },
    "stock/availability": {
        "en": [r"\bout of stock", r"\bin stock", r"\bsold out", r"\bavailab", r"\bselection\b"],
        "fr": [r"\brupture", r"\ben stock"],
        "es": [r"\bagotad", r"\bsin stock"],
        "de": [r"\bausverkauft", r"\blieferbar", r"\bvorratig"],
        "ru": [r"\bнет в наличии", r"\bв наличии"],
        "ko": [r"품절", r"재고"],
        "zh": [r"缺货", r"有货", r"库存"],
    },
    "loyalty programme": {
        "en": [r"\bloyalty", r"\bpoints?\b", r"\bmember", r"\breward", r"\bvoucher",
               r"\bperks?\b"],
        "fr": [r"\bfidelite", r"\bcarte (?:de )?fidel", r"\bcarte club", r"\bpoints? fidel"],
        "es": [r"\bpuntos (?:de )?(?:fidelidad|acumulad)", r"\bfidelidad"],
        "de": [r"\btreue", r"\bbonus", r"\bpunkte"],
        "ru": [r"\bлояльност", r"\bбалл", r"\bбонус"],
        "ko": [r"적립", r"포인트", r"멤버십"],
        "zh": [r"积分", r"会员"],
    },
    "overall impression": OVERALL,
    "the survey itself": SURVEY,
}

#: Shops, garden centres, branches, restaurants: what people meet in a physical store.
RETAIL: dict[str, Patterns] = {
    "price & promotions": {
        "en": [r"\bprice", r"\bpricing", r"\bexpensive", r"\bcheap", r"\bcost", r"\bdiscount",
               r"\bpromotion", r"\bsale\b", r"\boffers?\b", r"\bvalue for money", r"\boverpriced"],
        "fr": [r"\bprix\b", r"\bcher\b", r"\bcheres?\b", r"\btarif", r"\bpromo", r"\breduction",
               r"\bremise", r"\bsolde", r"\bonereu", r"\bcout", r"\beuros?\b", r"\bconcurren"],
        "es": [r"\bprecio", r"\bcaro\b", r"\bcaros\b", r"\bbarato", r"\bdescuento", r"\boferta",
               r"\bpromocion", r"\brebaja"],
        "de": [r"\bpreis", r"\bteuer", r"\bgunstig", r"\brabatt", r"\bangebot", r"\baktion"],
        "ru": [r"\bцен", r"\bдорог", r"\bдешев", r"\bскидк", r"\bакци"],
        "ko": [r"가격", r"비싸", r"할인", r"가성비"],
        "zh": [r"价格", r"贵", r"便宜", r"优惠", r"打折", r"性价比"],
    },
    "staff & advice": {
        "en": [r"\bstaff", r"\bemployee", r"\bassistant", r"\bcashier", r"\bfriendly", r"\brude\b",
               r"\bhelpful", r"\badvice", r"\bknowledge", r"\bpolite", r"\bwelcom", r"\bservice\b",
               r"\bsmil"],
        "fr": [r"\bpersonnel", r"\bvendeu", r"\bconseil", r"\baccueil", r"\baimab", r"\bsympa",
               r"\bcompeten", r"\bserviable", r"\bsourire", r"\bsouriant", r"\bgentil",
               r"\bemploye", r"\bequipe", r"\bcaissier", r"\bdisponib", r"\brenseign",
               r"\becoute", r"\bpoli\b", r"\bpolitesse", r"\bbonjour", r"\bprofessionnel",
               r"\bamabilite", r"\bchaleureu", r"\bhotesse", r"\bvendeur", r"\bvendeuse"],
        "es": [r"\bpersonal\b", r"\bempleado", r"\bvendedor", r"\bamable", r"\batencion",
               r"\batent", r"\basesor", r"\bcajer", r"\btrato\b", r"\bconsejo"],
        "de": [r"\bpersonal\b", r"\bmitarbeiter", r"\bverkaufer", r"\bfreundlich",
               r"\bberatung", r"\bhilfsbereit", r"\bkompetent", r"\bunfreundlich"],
        "ru": [r"\bперсонал", r"\bпродав", r"\bсотрудник", r"\bвежлив", r"\bконсультац",
               r"\bкассир", r"\bхам"],
        "ko": [r"직원", r"친절", r"상담", r"불친절"],
        "zh": [r"店员", r"服务员", r"态度", r"热情", r"专业"],
    },
    "range & availability": {
        "en": [r"\bchoice", r"\bselection", r"\brange\b", r"\bvariety", r"\bout of stock",
               r"\bin stock", r"\bavailab", r"\bcould not find", r"\bcouldn't find", r"\bmissing"],
        "fr": [r"\bchoix\b", r"\bgamme", r"\bvariete", r"\bdiversite", r"\bstock\b",
               r"\brupture", r"\bmanque de (?:choix|stock|produits?|plantes|articles)",
               r"\bintrouvable", r"\bpas trouve", r"\bplus vendu", r"\bne trouve pas",
               r"\breferenc", r"\bassortiment", r"\boffre\b", r"\blarge\b", r"\bvaste"],
        "es": [r"\bvariedad", r"\bsurtido", r"\bagotad", r"\bno habia", r"\bno encontr",
               r"\bstock\b", r"\bopciones"],
        "de": [r"\bauswahl", r"\bsortiment", r"\bausverkauft", r"\bnicht vorratig",
               r"\bnicht gefunden"],
        "ru": [r"\bассортимент", r"\bвыбор", r"\bнет в наличии", r"\bв наличии"],
        "ko": [r"종류", r"재고", r"품절", r"다양"],
        "zh": [r"品种", r"种类", r"缺货", r"选择"],
    },
    "product quality": {
        "en": [r"\bquality", r"\bfresh", r"\bdamaged", r"\bbroken", r"\bdead\b", r"\bwilt",
               r"\bdefect", r"\bspoil", r"\brotten"],
        "fr": [r"\bqualite", r"\b(?:produits?|legumes|fruits|fleurs) frais\b", r"\bfraiche",
               r"\bfraicheur", r"\bfane", r"\babime", r"\bmalade",
               r"\bmort\b", r"\bmortes?\b", r"\bcreve", r"\bbelles? plantes", r"\bbeaux produits",
               r"\bdefectu", r"\bcasse", r"\bsante des plantes", r"\bdessech"],
        "es": [r"\bcalidad", r"\bfresc", r"\bdanad", r"\broto\b", r"\bdefectuos", r"\bpodrid"],
        "de": [r"\bqualitat", r"\bfrisch", r"\bbeschadigt", r"\bkaputt", r"\bverwelkt"],
        "ru": [r"\bкачеств", r"\bсвеж", r"\bиспорч", r"\bбрак"],
        "ko": [r"품질", r"신선", r"불량"],
        "zh": [r"质量", r"新鲜", r"坏了", r"品质"],
    },
    "checkout & queues": {
        "en": [r"\bcheckout", r"\bqueue", r"\btill\b", r"\bwait", r"\bline\b", r"\bcashier",
               r"\bpayment", r"\bself.?checkout"],
        "fr": [r"\bcaisse", r"\battente\b", r"\battendre", r"\bqueue\b", r"\bfile\b",
               r"\bcaisses? ouvertes?", r"\bpaiement", r"\bpayer\b",
               r"\bpar cheques?\b", r"\bcheques? (?:refuse|accepte)", r"\bcarte bleue",
               r"\bencaiss"],
        "es": [r"\bcaja\b", r"\bcajas\b", r"\bcola\b", r"\bfila\b", r"\besper", r"\bpago\b"],
        "de": [r"\bkasse", r"\bwarte", r"\bschlange", r"\bbezahl"],
        "ru": [r"\bкасс", r"\bочеред", r"\bожидан", r"\bоплат"],
        "ko": [r"계산", r"대기", r"줄"],
        "zh": [r"收银", r"排队", r"等待", r"结账"],
    },
    "store layout & cleanliness": {
        "en": [r"\blayout", r"\bclean", r"\bdirty", r"\btidy", r"\bmessy", r"\bsignage",
               r"\baisle", r"\bfind my way", r"\bdisplay", r"\bspacious", r"\bcrowded"],
        "fr": [r"\ballee", r"\bpropre", r"\bproprete", r"\bsale\b", r"\brange",
               r"\bdesordre", r"\bsignaletique", r"\bindication", r"\betiquet", r"\bdisposition",
               r"\bpresentation", r"\bdeco", r"\bespace\b", r"\bagencement", r"\borganis",
               r"\bclair\b", r"\bspacieu", r"\bbeau magasin", r"\bjoli magasin"],
        "es": [r"\bpasillo", r"\blimpi", r"\bsucio", r"\bordenad", r"\bdesorden",
               r"\bsenaliz", r"\bespacio"],
        "de": [r"\bsauber", r"\bschmutzig", r"\bordentlich", r"\bunordnung", r"\bbeschilder",
               r"\bgang\b", r"\bgange\b", r"\bubersichtlich"],
        "ru": [r"\bчист", r"\bгрязн", r"\bпорядок", r"\bбеспоряд", r"\bвыкладк"],
        "ko": [r"청결", r"깨끗", r"더럽", r"진열"],
        "zh": [r"干净", r"脏", r"整洁", r"陈列", r"布局"],
    },
    "location, parking & hours": {
        "en": [r"\bparking", r"\bcar park", r"\bopening hours", r"\bopen\b", r"\bclosed\b",
               r"\blocation", r"\bclose to\b", r"\bnear\b", r"\baccess"],
        "fr": [r"\bparking", r"\bhoraire", r"\bheures? d'ouverture", r"\bouvert le",
               r"\bferme le", r"\bfermeture", r"\bdimanche", r"\bacces au magasin",
               r"\bproximite", r"\bemplacement", r"\bsitue", r"\bloin de", r"\bpres de chez"],
        "es": [r"\bestacionamiento", r"\baparcamiento", r"\bhorario", r"\bcerca\b",
               r"\bubicacion", r"\bsucursal"],
        "de": [r"\bparkplatz", r"\boffnungszeit", r"\bgeoffnet", r"\bgeschlossen", r"\bnahe\b",
               r"\blage\b", r"\bfiliale"],
        "ru": [r"\bпарковк", r"\bчасы работы", r"\bрасположен", r"\bрядом"],
        "ko": [r"주차", r"영업시간", r"위치"],
        "zh": [r"停车", r"营业时间", r"位置"],
    },
    "loyalty card": {
        "en": [r"\bloyalty", r"\bpoints?\b", r"\bmember", r"\breward", r"\bvoucher",
               r"\bcard\b"],
        "fr": [r"\bcarte\b", r"\bfidelite", r"\bclub\b", r"\bpoints\b", r"\bavantage",
               r"\bbon d'achat", r"\bcheque fidel"],
        "es": [r"\btarjeta de (?:cliente|fidelidad)", r"\bpuntos acumulad", r"\bfidelidad",
               r"\bsocio"],
        "de": [r"\bkundenkarte", r"\btreue", r"\bpunkte", r"\bbonus"],
        "ru": [r"\bкарт[аыу] лояльн", r"\bбонус", r"\bбалл"],
        "ko": [r"포인트", r"적립", r"멤버십"],
        "zh": [r"会员", r"积分"],
    },
    "overall impression": OVERALL,
    "the survey itself": SURVEY,
}

#: Software and apps sold as a service.
SAAS: dict[str, Patterns] = {
    "ease of use": EASE_OF_USE,
    "features & templates": {
        "en": [r"\bfeature", r"\btemplate", r"\bfunctionalit", r"\bintegrat", r"\bdark mode",
               r"\bexport", r"\bimport", r"\btables?\b", r"\bcharts?\b", r"\breports?\b",
               r"\bdashboard", r"\bapi\b", r"\boption", r"\bmissing\b", r"\bwould like",
               r"\bplease add", r"\bwish", r"\bcustomi[sz]"],
        "fr": [r"\bfonctionnalit", r"\bmodele", r"\bintegration", r"\bexport", r"\btableau",
               r"\brapport", r"\boption", r"\bil manque"],
        "es": [r"\bfuncionalidad", r"\bfunciones", r"\bplantilla", r"\bintegracion",
               r"\bexport", r"\breporte", r"\bopcion"],
        "de": [r"\bfunktion", r"\bvorlage", r"\bintegration", r"\bexport", r"\bberichte"],
        "ru": [r"\bфункци", r"\bшаблон", r"\bинтеграц", r"\bэкспорт", r"\bотчет"],
        "ko": [r"기능", r"템플릿", r"연동"],
        "zh": [r"功能", r"模板", r"集成", r"导出"],
    },
    "performance & reliability": {
        "en": [r"\bslow", r"\bfast\b", r"\bspeed", r"\blag", r"\bcrash", r"\bbug", r"\bglitch",
               r"\bdowntime", r"\boutage", r"\breliab", r"\bstable", r"\bfreez", r"\bloading",
               r"\berror", r"\bbroken", r"\bnot working", r"\bdoesn't work"],
        "fr": [r"\blent", r"\brapide", r"\bbug", r"\bplant", r"\bpanne", r"\berreur",
               r"\bstable", r"\bchargement", r"\bne marche pas", r"\bne fonctionne pas"],
        "es": [r"\blent", r"\brapid", r"\bfalla", r"\berror", r"\bse cae", r"\bno funciona",
               r"\bcaida", r"\bestable", r"\bcarga"],
        "de": [r"\blangsam", r"\bschnell", r"\babsturz", r"\bsturzt", r"\bfehler",
               r"\bstabil", r"\bladezeit", r"\bfunktioniert nicht"],
        "ru": [r"\bмедлен", r"\bбыстр", r"\bвылета", r"\bглюч", r"\bошибк", r"\bтормоз",
               r"\bзависа"],
        "ko": [r"느려", r"빠르", r"오류", r"버그", r"튕"],
        "zh": [r"慢", r"卡顿", r"崩溃", r"闪退", r"错误", r"稳定"],
    },
    "support": {
        "en": [r"\bsupport", r"\bcustomer service", r"\bhelp ?desk", r"\bticket", r"\bresponse",
               r"\brespond", r"\bagent", r"\bchat\b", r"\bhelpful", r"\bonboarding",
               r"\bdocumentation", r"\btutorial"],
        "fr": [r"\bsupport", r"\bservice client", r"\bassistance", r"\breponse", r"\bhotline",
               r"\bdocumentation", r"\btutoriel"],
        "es": [r"\bsoporte", r"\batencion al cliente", r"\bservicio al cliente", r"\bayuda",
               r"\brespuesta", r"\bchat\b"],
        "de": [r"\bsupport", r"\bkundendienst", r"\bkundenservice", r"\bhilfe", r"\bantwort"],
        "ru": [r"\bподдержк", r"\bтехподдержк", r"\bответ", r"\bпомощ"],
        "ko": [r"고객센터", r"지원", r"상담", r"문의"],
        "zh": [r"客服", r"支持", r"回复", r"售后"],
    },
    "pricing & plans": {
        "en": [r"\bprice", r"\bpricing", r"\bexpensive", r"\bcost", r"\bsubscription",
               # a plan you pay for, not a project plan
               r"\b(?:free|paid|team|pro|business|personal|premium|individual|enterprise|starter|"
               r"consultant|education\S*|new|current|pricing|subscription) plans?\b",
               r"\bplans? for (?:individual|freelanc|teacher|student|small)", r"\bbilling",
               r"\blicen[cs]", r"\bfree (?:plan|version|tier|account)", r"\bpaid version",
               r"\bpaywall", r"\bvalue for money", r"\bafford", r"\bupgrad"],
        "fr": [r"\bprix\b", r"\bcher\b", r"\btarif", r"\babonnement", r"\bfactur", r"\blicence",
               r"\bversion gratuite"],
        "es": [r"\bprecio", r"\bcaro\b", r"\bsuscripcion", r"\bplan\b", r"\bfactura",
               r"\blicencia", r"\bversion gratuita"],
        "de": [r"\bpreis", r"\bteuer", r"\babo\b", r"\babonnement", r"\blizenz", r"\brechnung",
               r"\bkostenlos"],
        "ru": [r"\bцен", r"\bдорог", r"\bподписк", r"\bтариф", r"\bлиценз"],
        "ko": [r"가격", r"요금", r"구독", r"비싸"],
        "zh": [r"价格", r"收费", r"订阅", r"贵", r"免费版"],
    },
    "collaboration & sharing": {
        "en": [r"\bcollaborat", r"\bshar", r"\bteam", r"\bpermission", r"\bcomment",
               r"\breal.?time", r"\bsync"],
        "fr": [r"\bcollabor", r"\bpartag", r"\bequipe", r"\bdroits d'acces", r"\bsynchro"],
        "es": [r"\bcolabor", r"\bcompartir", r"\bequipo", r"\bpermisos", r"\bsincroniz"],
        "de": [r"\bzusammenarbeit", r"\bteilen", r"\bteam", r"\bberechtigung",
               r"\bsynchronis"],
        "ru": [r"\bсовместн", r"\bдоступ", r"\bкоманд", r"\bсинхрониз"],
        "ko": [r"협업", r"공유", r"동기화"],
        "zh": [r"协作", r"共享", r"分享", r"同步"],
    },
    "overall impression": OVERALL,
    "the survey itself": SURVEY,
}

#: Banks, cards, insurers, brokers.
BANKING: dict[str, Patterns] = {
    "fees & rates": {
        "en": [r"\bfees?\b", r"\bcharges?\b", r"\binterest", r"\brates?\b", r"\bcommission",
               r"\bexpensive", r"\boverdraft", r"\bapr\b"],
        "fr": [r"\bfrais\b", r"\bcommission", r"\btaux\b", r"\binteret", r"\bagios", r"\bcher\b",
               r"\btarif", r"\bcotisation"],
        "es": [r"\bcomision", r"\bcobr(?:a|an|aron|o|os)\b", r"\btasas?\b", r"\binteres",
               r"\bcaro\b", r"\bcuota", r"\bcargos?\b", r"\bcostos?\b"],
        "de": [r"\bgebuhr", r"\bzins", r"\bkosten", r"\bteuer", r"\bkontofuhrung"],
        "ru": [r"\bкомисси", r"\bпроцент", r"\bставк", r"\bдорог", r"\bтариф"],
        "ko": [r"수수료", r"금리", r"이자"],
        "zh": [r"手续费", r"利率", r"利息", r"收费", r"年费"],
    },
    "branch & staff": {
        "en": [r"\bbranch", r"\bstaff", r"\bteller", r"\badvis[eo]r", r"\bbanker",
               r"\brelationship manager", r"\bfriendly", r"\brude\b", r"\bhelpful", r"\bqueue",
               r"\bwait"],
        "fr": [r"\bagence", r"\bconseill", r"\bguichet", r"\bpersonnel", r"\baccueil",
               r"\baimable", r"\battente", r"\bchargee? de clientele"],
        "es": [r"\bsucursal", r"\boficina", r"\bejecutiv", r"\bcajer[oa]s?\b", r"\bpersonal\b",
               r"\bamable", r"\batencion", r"\bfila\b", r"\bespera", r"\basesor", r"\btrato\b"],
        "de": [r"\bfiliale", r"\bberater", r"\bschalter", r"\bmitarbeiter", r"\bfreundlich",
               r"\bwartezeit"],
        "ru": [r"\bотделени", r"\bменеджер", r"\bсотрудник", r"\bочеред", r"\bвежлив",
               r"\bконсультант"],
        "ko": [r"지점", r"창구", r"직원", r"대기"],
        "zh": [r"网点", r"柜台", r"柜员", r"排队", r"客户经理"],
    },
    "app & online banking": {
        "en": [r"\bapp\b", r"\bonline banking", r"\bwebsite", r"\blog ?in\b", r"\bmobile",
               r"\bcrash", r"\btransfer", r"\binternet banking", r"\bpassword", r"\bdigital",
               r"\bportal", r"\bsite\b", r"\btoken", r"\bupdate", r"\bscreen"],
        "fr": [r"\bappli", r"\bapplication", r"\bsite\b", r"\ben ligne", r"\bconnexion",
               r"\bvirement", r"\bmot de passe", r"\bbanque a distance", r"\bportail",
               r"\bmise a jour", r"\becran"],
        "es": [r"\bapp\b", r"\baplicacion", r"\bbanca (?:en linea|movil|online|virtual|"
               r"electronica|por internet)", r"\bpagina", r"\bweb\b", r"\btransferencia",
               r"\bclave", r"\bsistema", r"\bplataforma", r"\bdigital", r"\bportal",
               r"\bsitio\b", r"\bcelular", r"\bsesion\b", r"\btoken", r"\bcontrasena",
               r"\bnavegador", r"\bactualizacion", r"\bpantalla"],
        "de": [r"\bapp\b", r"\bonline.?banking", r"\bwebseite", r"\bueberweisung",
               r"\buberweisung", r"\blogin", r"\bpasswort"],
        "ru": [r"\bприложени", r"\bонлайн", r"\bинтернет.?банк", r"\bперевод", r"\bпароль"],
        "ko": [r"앱", r"어플", r"인터넷뱅킹", r"이체", r"로그인"],
        "zh": [r"手机银行", r"网银", r"转账", r"登录", r"应用"],
    },
    "ease of use": EASE_OF_USE,
    "reliability & errors": {
        "en": [r"\bcrash", r"\berror", r"\bbugs?\b", r"\bglitch", r"\bnot working",
               r"\bdoesn't work", r"\bdoes not work", r"\bdown again", r"\bis down\b",
               r"\boutage", r"\bfreez", r"\bwon't load", r"\bnot load", r"\blogged out",
               r"\bkeeps? logging", r"\bunavailable"],
        "fr": [r"\bbugu?e?s?\b", r"\bbeug", r"\bplante", r"\bpanne", r"\berreur",
               r"\bne (?:marche|fonctionne) (?:pas|plus)", r"\bindisponible"],
        "es": [r"\bfalla", r"\bfallo", r"\berror", r"\bno funciona", r"\bno sirve",
               r"\bsin servir", r"\bse cae", r"\bcaid[ao]", r"\bse traba", r"\bcongela",
               r"\bno carga", r"\bse sale\b", r"\bme saca\b", r"\bintermiten",
               r"\bno (?:esta )?disponible", r"\bproblemas? tecnicos?", r"\bsatura",
               r"\bse queda (?:cargando|pensando|en blanco)"],
        "de": [r"\babsturz", r"\bsturzt", r"\bfehler", r"\bfunktioniert nicht", r"\bgeht nicht",
               r"\bstorung", r"\bhangt", r"\bnicht erreichbar"],
        "ru": [r"\bсбо", r"\bошибк", r"\bне работает", r"\bглюч", r"\bзавис", r"\bвылета",
               r"\bне загружа"],
        "ko": [r"오류", r"에러", r"먹통", r"튕", r"접속이 안", r"안 돼요"],
        "zh": [r"崩溃", r"闪退", r"错误", r"故障", r"打不开", r"登不上", r"卡死"],
    },
    "cards & payments": {
        "en": [r"\bcard\b", r"\bcards\b", r"\bdebit", r"\bcredit card", r"\batm\b",
               r"\bcash machine", r"\bpayment", r"\bcontactless", r"\bblocked"],
        "fr": [r"\bcarte\b", r"\bcb\b", r"\bdistributeur", r"\bpaiement", r"\bretrait",
               r"\bbloque", r"\bsans contact"],
        "es": [r"\btarjeta", r"\bcajero automatico", r"\bcajeros? automaticos?", r"\bpago",
               r"\bretiro", r"\bbloque", r"\bdebito", r"\btarjeta de credito"],
        "de": [r"\bkarte", r"\bgeldautomat", r"\bzahlung", r"\bkreditkarte", r"\bgesperrt"],
        "ru": [r"\bкарт", r"\bбанкомат", r"\bплатеж", r"\bоплат", r"\bзаблокир"],
        "ko": [r"카드", r"현금인출", r"결제", r"atm"],
        "zh": [r"银行卡", r"信用卡", r"取款机", r"支付", r"冻结"],
    },
    "loans & mortgages": {
        "en": [r"\bloan", r"\bmortgage", r"\bcredit\b", r"\bapproval", r"\bapplication process"],
        "fr": [r"\bpret\b", r"\bprets\b", r"\bcredit\b", r"\bimmobilier", r"\bdossier"],
        "es": [r"\bprestamo", r"\bcredito", r"\bhipoteca", r"\baprobacion", r"\btramite"],
        "de": [r"\bkredit", r"\bdarlehen", r"\bhypothek", r"\bbaufinanzierung"],
        "ru": [r"\bкредит", r"\bипотек", r"\bзайм"],
        "ko": [r"대출", r"주택담보"],
        "zh": [r"贷款", r"房贷"],
    },
    "speed & problem resolution": {
        "en": [r"\bresolv", r"\bsolv", r"\bquick", r"\bfast\b", r"\bslow", r"\bcomplaint",
               r"\bissue", r"\bproblem", r"\bfix", r"\bbureaucra", r"\bpaperwork"],
        "fr": [r"\bresou", r"\breactiv", r"\brapid", r"\blent", r"\breclamation",
               r"\bprobleme", r"\bdemarche", r"\bpaperasse"],
        "es": [r"\bresol", r"\bsoluci", r"\brapid", r"\bagil", r"\bexpedit", r"\blent",
               r"\breclam", r"\bqueja", r"\bproblema", r"\btramite", r"\bburocra", r"\bdemor"],
        "de": [r"\bgelost", r"\blosung", r"\bschnell", r"\blangsam", r"\bbeschwerde",
               r"\bproblem", r"\bburokratie"],
        "ru": [r"\bрешил", r"\bрешени", r"\bбыстр", r"\bмедлен", r"\bжалоб", r"\bпроблем",
               r"\bбюрократ"],
        "ko": [r"해결", r"빠르", r"느려", r"민원"],
        "zh": [r"解决", r"快", r"慢", r"投诉", r"效率"],
    },
    "security & trust": {
        "en": [r"\bsecur", r"\bsafe", r"\bfraud", r"\bscam", r"\btrust", r"\bprotect"],
        "fr": [r"\bsecuri", r"\bfraude", r"\barnaque", r"\bconfiance", r"\bpiratage",
               r"\bprotection"],
        "es": [r"\bsegur", r"\bfraude", r"\bestafa", r"\bconfian", r"\brespaldo", r"\bsolide",
               r"\bprotec", r"\bhacke"],
        "de": [r"\bsicher", r"\bbetrug", r"\bvertrauen"],
        "ru": [r"\bбезопасн", r"\bмошенн", r"\bдовери", r"\bнадежн"],
        "ko": [r"보안", r"안전", r"사기", r"신뢰"],
        "zh": [r"安全", r"诈骗", r"信任", r"可靠"],
    },
    "overall impression": OVERALL,
    "the survey itself": SURVEY,
}

CODEFRAMES: dict[str, dict[str, Patterns]] = {
    "ecommerce": ECOMMERCE, "retail": RETAIL, "saas": SAAS, "banking": BANKING,
}
