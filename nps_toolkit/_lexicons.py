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
    # greetings, thanks and yes: polite, but no reason for the score (all seen in real
    # banking comments: "GRACIAS", "Saludos", "SI", "YES", "hola", "NINGUNA")
    "yes", "thanks", "thank you", "thx", "hi", "hello", "later", "maybe later",
    "merci", "oui", "bonjour", "plus tard", "gracias", "muchas gracias", "saludos", "hola",
    "si", "ninguna", "nada que agregar", "no aplica", "en otro momento", "danke", "ja",
    "hallo", "спасибо", "да", "감사합니다", "谢谢",
]

#: Default e-commerce codeframe: theme -> patterns (any language).
#: Sentiment lexicons: positive and negative stems per language, and negators.
POSITIVE = {
    "en": [r"\bgreat", r"\bgood\b", r"\bexcellent", r"\bperfect", r"\blove", r"\bhappy",
           r"\bfast\b", r"\bquick", r"\bfriendly", r"\bhelpful", r"\bpainless", r"\beasy\b",
           r"\bthank", r"\bawesome", r"\bamazing", r"\brecommend", r"\bfair\b", r"\bnice\b",
           r"\bwell\b", r"\bsatisf", r"\bbest\b", r"\bsuper\b", r"\bclean\b", r"\bpleasant",
           r"\bproblem solving", r"\bon point\b", r"\bintuitive", r"\breliable",
           r"\bresolved", r"\bsorted\b", r"\bfixed\b", r"\bsmooth", r"\bsimple\b", r"\bstraightforward", r"\befficient", r"\bprofessional", r"\bpolite", r"\bbrilliant", r"\bfantastic", r"\bpleased", r"\binformative", r"\bknowledgeable", r"\bprompt", r"\bseamless", r"\bcourteous"],
    "fr": [r"\bbien\b", r"\bbon\b", r"\bbonne", r"\bexcellent", r"\bparfait", r"\bagreable",
           r"\baimable", r"\bsympa", r"\baccueillant", r"\bcompetent", r"\bdisponible",
           r"\brapide", r"\befficace", r"\bsatisfai", r"\bcontent", r"\bravi", r"\bsuper\b",
           r"\bgenial", r"\bmerci", r"\btop\b", r"\brecommande", r"\bbeau", r"\bbelle",
           r"\bchaleureu", r"\bsouriant", r"\bplaisant", r"\bbravo", r"\bcorrect",
           r"\bprofessionnel", r"\bfacile", r"\bpratique", r"\bpropre\b", r"\bmagnifique", r"\bresolu", r"\bserviable", r"\bconseil"],
    "es": [r"\bbueno", r"\bbuena", r"\bbuen\b", r"\bbien\b", r"\bexcelente", r"\bperfect",
           r"\bencanta", r"\brapid", r"\bamable", r"\bfacil", r"\bgracias", r"\brecomiendo",
           r"\bgenial", r"\bcontento", r"\bagil", r"\bcomod", r"\beficien", r"\batent",
           r"\bexpedit", r"\bfunciona", r"\bsatisf", r"\bseguro", r"\bsencill", r"\bmejor\b",
           r"\bresolv", r"\bsoluciona", r"\benseguida", r"\bal instante", r"\bpractic", r"\bintuitiv", r"\bprofesional"],
    "de": [r"\bgut\b", r"\bsuper\b", r"\bschnell", r"\bfreundlich", r"\bhilfsbereit",
           r"\btop\b", r"\bdanke", r"\bfair", r"\bproblemlos", r"\beinfach", r"\bzufrieden",
           r"\bgerne", r"\bperfekt", r"\bempfehle",
           r"\bgelost", r"\bkompetent", r"\btoll\b", r"\bprima\b", r"\bklasse\b", r"\bzuverlassig", r"\bunkompliziert"],
    "ru": [r"\bхорош", r"\bотличн", r"\bбыстр", r"\bвежлив", r"\bудобн", r"\bспасибо",
           r"\bрекомендую", r"\bвыгодн", r"\bдоволен", r"\bсупер",
           r"\bрешил", r"\bрешен", r"\bкачествен"],
    "ko": [r"좋아", r"좋고", r"빨라", r"빠르", r"친절하", r"편리", r"추천", r"감사", r"최고", r"만족",
           r"합리적", r"꼼꼼",
           r"문제\s*없", r"해결", r"좋았"],
    "zh": [r"很好", r"满意", r"很快", r"方便", r"推荐", r"谢谢", r"实惠", r"划算", r"不错", r"喜欢",
           r"一模一样", r"态度很好",
           r"没(?:有)?(?:什么)?问题", r"没毛病", r"解决", r"及时", r"好用"],
}
NEGATIVE = {
    "en": [r"\blate\b", r"\blost\b", r"\bdamaged", r"\bbroke", r"\bpoor\b", r"\bbad\b",
           r"\bterrible", r"\bawful", r"\bworst", r"\brude\b", r"\bdisappoint",
           r"\bexpensive", r"\bridiculous", r"\bcrash", r"\bslow\b", r"\bnightmare",
           r"\bwaiting\b", r"\bforever\b", r"\bconfusing", r"\bcheap material", r"\bhorrible",
           r"\bangry", r"\bworse\b", r"\bproblem", r"\bfix this",
           r"\bway off\b", r"\bunhappy", r"\bdifficult", r"\bhard to\b", r"\bbug",
           r"\bbroken", r"\buseless", r"\bfrustrat", r"\bunhelpful", r"\bclunky",
           r"\bnever again", r"\bnever (?:arrived|came|turned up|showed|received|got back|called back|replied|answered)", r"\bannoying", r"\bmissing\b", r"\bissues?\b", r"\bfault", r"\bdelay", r"\bcancel+ed\b", r"\bincompetent", r"\bshocking", r"\bappalling", r"\bdisgrace", r"\ba joke\b", r"\brubbish", r"\bwaste\b", r"\bchas(?:e|ing)\b", r"\blies\b", r"\bfalse promise", r"\bnot working", r"\bstill waiting", r"\bcomplain", r"\bunreliable", r"\binconsistent", r"\bmisleading", r"\bmess\b", r"\bhassle", r"\bpushy", r"\bignored"],
    "fr": [r"\battente", r"\blong\b", r"\blongue", r"\blent", r"\bcher\b", r"\bdecu",
           r"\bdecevant", r"\bmauvais", r"\bnul\b", r"\bdesagreable", r"\bimpoli", r"\bmanque",
           r"\brupture", r"\bprobleme", r"\bsale\b", r"\berreur", r"\bincompetent",
           r"\binadmissible", r"\bdommage", r"\bretard", r"\bperdu", r"\babime", r"\btrop\b", r"\bcomplique", r"\bexcessif", r"\bhonte", r"\bscandal",
           r"\bplus jamais", r"\bsouci", r"\bpas assez", r"\bdommage", r"\btriste", r"\bfane", r"\bagace", r"\binacceptable", r"\binsuffisant"],
    "es": [r"\bretraso", r"\bperdio", r"\bmala\b", r"\bmalo\b", r"\bmal\b", r"\bpesim",
           r"\bcaro\b", r"\bcaras?\b", r"\bdecepcion", r"\blent", r"\bagotad",
           r"\bexcesiv", r"\brompio", r"\bfalla", r"\bdificil", r"\bdeficien", r"\bproblema",
           r"\bcomision", r"\bespera\b", r"\bdemora", r"\bpeor\b", r"\bburocra",
           r"\bcomplicad", r"\bse cae\b", r"\bmolest", r"\bqueja",
           r"\bnunca mas", r"\bnunca (?:llego|contestan|responden|resuelven)", r"\bmolesto"],
    "de": [r"\bspat\b", r"\bverloren", r"\bschlecht", r"\bteuer", r"\benttausch",
           r"\bkaputt", r"\bewig", r"\bnutzlos", r"\bausverkauft", r"\bkompliziert",
           r"\bsturzt", r"\bniemand",
           r"\bnie wieder", r"\bproblem", r"\barger", r"\bunfreundlich", r"\blangsam", r"\bverspat", r"\bfehler", r"\bstorung", r"\bumstandlich", r"\bnervig"],
    "ru": [r"\bопоздан", r"\bпотерял", r"\bплох", r"\bужасн", r"\bдорог", r"\bразочарован",
           r"\bсломал", r"\bне отвечает", r"\bвылета", r"\bвечность",
           r"\bпроблем", r"\bдолго", r"\bхамств", r"\bне работает"],
    "ko": [r"늦게", r"분실", r"별로", r"실망", r"비싸", r"망가", r"안 해", r"꺼져", r"품절", r"오래 걸려",
           r"불친절", r"달라요",
           r"문제가", r"느려", r"최악", r"불편"],
    "zh": [r"太慢", r"丢了", r"很差", r"失望", r"太贵", r"坏了", r"闪退", r"缺货", r"没有到账",
           r"不回复", r"差别很大", r"不会再买",
           r"(?:^|[^没])有问题", r"垃圾", r"投诉", r"骗"],
}
NEGATORS_BY_LANGUAGE = {
    "en": [r"\bnot\b", r"\bnever\b", r"\bno\b", r"n't\b", r"\bwithout\b"],
    "fr": [r"\bpas\b", r"\bjamais\b", r"\bsans\b", r"\baucun"],
    "es": [r"\bno\b", r"\bnunca\b", r"\bsin\b", r"\bningun"],
    "de": [r"\bnicht\b", r"\bkein", r"\bnie\b", r"\bohne\b"],
    "ru": [r"\bне\b", r"\bбез\b"],
}
NEGATORS = [n for ns in NEGATORS_BY_LANGUAGE.values() for n in dict.fromkeys(ns)]
#: Words that turn a comment round ("I loved it, but the fit was off"): the clause after the
#: last one decides the polarity when it has evidence of its own.
CONTRASTS = ["but", "however", "mais", "cependant", "pero", "sin embargo", "aber", "jedoch",
             "но", "однако"]
#: The same in Chinese and Korean, which need no space before them ("质量好但是太慢").
CONTRASTS_CJK = ["但是", "不过", "可是", "하지만", "그런데", "근데"]

#: Words the stop-word lists (``stopwordsiso``) hold but an NPS comment's meaning rests on:
#: negations, intensifiers, comparisons and everyday evaluative words. They stay in the
#: drivers, themes and quotes (listed words the sentiment lexicon matches are kept as well).
KEEP_WORDS = {
    "en": ["not", "no", "never", "nothing", "none", "nobody", "nor", "without", "cannot",
           "cant", "dont", "didn", "doesn", "don", "isn", "wasn", "weren", "won", "wouldn",
           "couldn", "shouldn", "haven", "hasn", "hadn", "aren", "very", "too", "really",
           "more", "less", "most", "least", "much", "better", "best", "worse", "worst", "good",
           "great", "bad", "free", "problem", "problems", "issue", "issues", "well", "easy",
           "quick", "quickly", "fast", "slow", "late", "long", "enough", "again", "always",
           "help", "helpful", "useful", "important", "new", "old", "high", "low", "little",
           "big", "small", "fine", "nice", "like", "love", "wrong", "right", "thanks",
           "thank", "meh", "cool", "wow", "yay", "ugh"],
    "fr": ["pas", "ne", "non", "jamais", "rien", "sans", "aucun", "aucune", "personne",
           "plus", "moins", "tres", "trop", "bien", "bon", "bonne", "mal", "mieux", "pire",
           "peu", "assez", "vraiment", "toujours", "encore", "merci", "long", "longue",
           "rapide", "rapidement", "cher", "gratuit", "probleme", "problemes", "nouveau",
           "petit", "grand", "bof", "cool", "nickel", "top"],
    "es": ["no", "nunca", "nada", "sin", "ningun", "ninguna", "ninguno", "tampoco", "muy",
           "mas", "menos", "bien", "buen", "buena", "bueno", "buenos", "buenas", "mal", "mala",
           "malo", "mejor", "peor", "poco", "demasiado", "siempre", "gracias", "problema",
           "problemas", "rapido", "facil", "dificil", "gratis", "nuevo"],
    "de": ["nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "nichts", "ohne",
           "sehr", "zu", "mehr", "weniger", "gut", "schlecht", "besser", "immer", "wieder",
           "schnell", "lange", "danke", "problem", "probleme", "neu", "klein", "gross"],
    "ru": ["не", "нет", "ни", "никогда", "ничего", "без", "очень", "слишком", "хорошо",
           "плохо", "лучше", "хуже", "быстро", "долго", "спасибо", "проблема"],
    "ko": ["안", "못", "없어", "없다", "너무", "매우", "정말", "좋아", "좋다", "별로"],
    "zh": ["不", "没", "没有", "很", "太", "非常", "好", "不错", "问题", "慢", "快"],
}
