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
#: Function words of Latin-script languages the comment analysis has no word lists for,
#: close kin of the four it has (folded, as texts are): a comment rich in them is not
#: taken for Spanish, French or German on its function words alone, and the language model
#: is asked (Portuguese shares "de", "que", "para" with Spanish; Catalan "per", "les").
OTHER_FUNCTION_WORDS = {
    "pt": ["nao", "voce", "com", "uma", "um", "isso", "muito", "muita", "tambem", "sao",
           "pelo", "pela", "ao", "aos", "meu", "minha", "seu", "sua", "ja", "estou", "tenho",
           "mais", "obrigado", "atendimento", "entrega", "otimo", "ele", "ela", "do", "das",
           "nas", "pra", "mim", "sem", "tudo", "tem", "voces", "entao", "melhorar", "e",
           "o", "os", "porque", "quem"],
    "it": ["il", "che", "non", "per", "una", "sono", "molto", "della", "delle", "questo",
           "anche", "gli", "nel", "alla", "ho", "stato", "perche", "grazie", "consegna"],
    "nl": ["het", "een", "niet", "van", "ik", "dat", "zijn", "voor", "met", "goed", "heel",
           "maar", "wel", "ook", "geen", "erg", "bij", "naar", "wordt", "bedankt"],
    "ca": ["amb", "els", "molt", "aquest", "aquesta", "tambe", "perque", "gracies"],
}
#: Letters that point to one of those languages (Portuguese nasal vowels: "não", "atenção").
OTHER_DIACRITIC_HINTS = {"pt": "[ãõ]"}

#: Answers that are not answers (after lower-casing and trimming punctuation).
NON_ANSWERS = [
    "n/a", "na", "n.a", "n.a.", "none", "nothing", "no comment", "no comments", "nope", "nil",
    "-", "--", ".", "..", "...", "?", "x", "idk", "no", "nothing to add", "nothing to say",
    # seen in a telecom's 23,527 answers (NelsonAK47/Case-Study): "Nil" 536, "No comments"
    # 310, "Na" 121; and their kin
    "no feedback", "no remarks", "no remark", "not applicable", "no answer", "no idea",
    "no opinion", "nothing much", "nothing else", "nothing special", "no suggestions",
    "no suggestion", "none at the moment", "nothing at the moment", "no comment at this time",
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

#: What a program writes in a cell that holds nothing (lower case, as written): pandas'
#: and R's missing values, a database's NULL, JavaScript's undefined, a pivot table's
#: "(blank)", and the error values a spreadsheet shows where a formula failed ("#VALUE!",
#: "#REF!"). In a comment column they are no customer's words: a CSV keeps them as text,
#: and the comment analysis read them as words.
MISSING_CODES = [
    "nan", "null", "nat", "<na>", "undefined", "(null)", "[null]", "(blank)", "(empty)",
    "#n/a", "#na", "#n/a n/a", "#value!", "#ref!", "#div/0!", "#name?", "#num!", "#null!",
    "#spill!", "#calc!", "#getting_data", "#field!", "#blocked!", "#connect!", "#busy!",
    "#unknown!",
]

#: Default e-commerce codeframe: theme -> patterns (any language).
#: Sentiment lexicons: positive and negative stems per language, and negators.
POSITIVE = {
    "en": [r"\bgreat", r"\bgood\b", r"\bexcellent", r"\bperfect", r"\blove", r"\bhappy",
           r"\bfast\b", r"\bquick", r"\bfriendly", r"\bhelpful", r"\bpainless", r"\beasy\b",
           r"\bthank", r"\bawesome", r"\bamazing", r"\brecommend", r"\bfair\b", r"\bnice\b",
           r"\bwell\b", r"\bsatisf", r"\bbest\b", r"\bsuper\b", r"\bclean\b", r"\bpleasant",
           r"\bproblem solving", r"\bon point\b", r"\bintuitive", r"\breliable",
           r"\bresolved", r"\bsorted\b", r"\bfixed\b", r"\bsmooth", r"\bsimple\b", r"\bstraightforward", r"\befficient", r"\bprofessional", r"\bpolite", r"\bbrilliant", r"\bfantastic", r"\bpleased", r"\binformative", r"\bknowledgeable", r"\bprompt", r"\bseamless", r"\bcourteous",
           # everyday words of liking and interest (issue 26: course feedback)
           r"\binteresting", r"\benjoy", r"\bfun\b", r"\bfavou?rite", r"\bliked\b",
           r"\bi (?:really |also |personally |just )?like\b", r"\bcool(?:est)?\b",
           r"\bwonderful", r"\buseful", r"\bglad\b", r"\bengaging", r"\binsightful"],
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
           r"문제\s*없", r"해결", r"좋았",
           # the everyday praise of Korean reviews (issue 26 §7: the small-survey fallback)
           r"좋(?:네|습|은|음|더|다|던)", r"예뻐", r"예쁘", r"이뻐", r"이쁘", r"귀여", r"맛있",
           r"깔끔", r"튼튼", r"(?:^|[^불])편(?:하|해|안)", r"저렴", r"괜찮", r"부드러", r"촉촉",
           r"신선", r"굿", r"감동", r"완벽", r"훌륭", r"든든", r"고급스", r"푹신", r"딱 ?맞",
           r"잘 ?맞", r"강추", r"대박", r"나쁘지(?:는|도)? ?않",
           # fun, moving, worth it: read on real film reviews (NSMC, dev half), words any
           # service is praised with too
           r"재밌", r"재미있", r"꿀잼", r"명작", r"볼만", r"추천(?:해|합|드|할)", r"훈훈",
           r"인상 ?깊", r"뭉클", r"여운", r"아깝지 ?않", r"지루(?:하지 ?않|할 ?틈)",
           r"실패 ?없", r"싫지 ?않"],
    "zh": [r"很好", r"满意", r"很快", r"方便", r"推荐", r"谢谢", r"实惠", r"划算", r"不错", r"喜欢",
           r"一模一样", r"态度很好",
           r"没(?:有)?(?:什么)?问题", r"没毛病", r"解决", r"及时", r"好用",
           # the everyday praise of Chinese reviews (issue 26 §7: the small-survey fallback)
           r"好评", r"值得", r"舒服", r"舒适", r"干净", r"整洁", r"热情", r"周到", r"便宜", r"超值",
           r"物美价廉", r"物超所值", r"棒", r"赞", r"完美", r"漂亮", r"好看", r"好吃", r"新鲜",
           r"快捷", r"准时", r"耐心", r"专业", r"友好", r"礼貌", r"安静", r"宽敞", r"精致",
           r"清晰", r"流畅", r"正品", r"给力", r"靠谱", r"放心", r"信赖", r"惊喜", r"开心",
           r"愉快", r"优秀", r"丰富", r"挺好", r"非常好", r"特别好", r"柔软", r"结实", r"耐用",
           r"合适", r"贴心", r"细心", r"高效", r"性价比(?:很|非常|超|挺|比较)?高", r"不贵"],
}
NEGATIVE = {
    "en": [r"\blate\b", r"\blost\b", r"\bdamaged", r"\bbroke", r"\bpoor\b", r"\bbad\b",
           r"\bterrible", r"\bawful", r"\bworst", r"\brude\b", r"\bdisappoint",
           r"\bexpensive", r"\bridiculous", r"\bcrash", r"\bslow\b", r"\bnightmare",
           r"\bwaiting\b", r"\bforever\b", r"\bconfusing", r"\bcheap material", r"\bhorrible",
           r"\bangry", r"\bworse\b", r"\bproblem", r"\bfix this",
           r"\bway off\b", r"\bunhappy", r"\bdifficult", r"\bhard to\b", r"\bbug",
           r"\bbroken", r"\buseless", r"\bfrustrat", r"\bunhelpful", r"\bclunky",
           r"\bnever again", r"\bnever (?:arrived|came|turned up|showed|received|got back|called back|replied|answered)", r"\bannoying", r"\bmissing\b", r"\bissues?\b", r"\bfault", r"\bdelay", r"\bcancel+ed\b", r"\bincompetent", r"\bshocking", r"\bappalling", r"\bdisgrace", r"\ba joke\b", r"\brubbish", r"\bwaste\b", r"\bchas(?:e|ing)\b", r"\blies\b", r"\bfalse promise", r"\bnot working", r"\bstill waiting", r"\bcomplain", r"\bunreliable", r"\binconsistent", r"\bmisleading", r"\bmess\b", r"\bhassle", r"\bpushy", r"\bignored",
           r"\bboring", r"\bhated?\b", r"\bpointless", r"\bregret", r"\bdislike",
           r"\btedious", r"\bunfair", r"\bsuck", r"\bdull\b", r"\buninteresting",
           # "like" is mostly a preposition ("feels like"): only its negated verb is counted
           r"\b(?:didn['’]?t|don['’]?t|doesn['’]?t|did not|do not|does not|never) "
           r"(?:really |particularly )?like\b"],
    "fr": [r"\battente", r"\blong\b", r"\blongue", r"\blent", r"\bcher(?:e|s|es)?\b", r"\bdecu",
           # prices and regrets as French comments write them ("prix élevés", "je regrette")
           r"\beleves?\b", r"\babusi", r"\bexorbitant", r"\bprohibiti", r"\bregrett",
           r"\ba ameliorer", r"\binferieur", r"\bmoins (?:de )?(?:choix|competiti)", r"\bbaissez",
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
           r"문제가", r"느려", r"최악", r"불편",
           r"아쉽", r"아쉬", r"불량", r"파손", r"깨져", r"깨짐", r"찢어", r"환불", r"반품", r"싸구려",
           r"엉망", r"짜증", r"후회", r"부족", r"냄새가 (?:심|많이|너무|좀|나)", r"늦어", r"늦었",
           # "좋지 않아요", "만족스럽지 못해요": the negation after the word
           r"(?:좋|만족스럽|괜찮|편하|빠르|친절하|맛있|예쁘)지(?:는|도)? ?(?:않|못)",
           # dull, a waste, rubbish: read on real film reviews (NSMC, dev half), words any
           # service is blamed with too
           # (the forms that end the word, so "돈이 아깝지 않아요", "지루할 틈이 없어요",
           # "실패 없는" stay praise: RE2 has no look-ahead)
           r"재미\s*없", r"재미도 ?없", r"노잼", r"쓰레기", r"비추", r"졸작", r"억지", r"낭비",
           r"지루(?:해|하다|하고|했|함|한|하네|하더|합)", r"아깝(?:다|네|고|더|습|어|았|기)",
           r"아까(?:운|워)", r"유치(?:해|하다|하고|했|함|한|하네|합)",
           r"뻔(?:해|하다|하고|했|함|한|하네|합)", r"실패(?:했|한|작|예|였|다|네|입)",
           r"싫(?:어|다|었|고|네|음|은)"],
    "zh": [r"太慢", r"丢了", r"很差", r"失望", r"太贵", r"坏了", r"闪退", r"缺货", r"没有到账",
           r"不回复", r"差别很大", r"不会再买",
           r"(?:^|[^没])有问题", r"垃圾", r"投诉", r"骗",
           r"差评", r"差劲", r"太差", r"后悔", r"上当", r"假货", r"山寨", r"退货", r"破损", r"烂",
           r"脏", r"臭", r"吵", r"噪音", r"难吃", r"难看", r"难用", r"很慢", r"慢死", r"有点贵",
           r"偏贵", r"麻烦", r"糟糕", r"恶心", r"郁闷", r"无语", r"生气", r"敷衍", r"态度恶劣",
           r"态度差", r"不负责", r"卡顿", r"死机", r"简陋", r"陈旧", r"老旧", r"潮湿", r"发霉",
           r"异味", r"蟑螂", r"一般般", r"凑合", r"不值", r"坑", r"浪费", r"受不了", r"遗憾",
           r"可惜", r"缺点", r"不足", r"太小", r"不好(?:$|[^意])", r"不太好", r"不怎么样"],
}
NEGATORS_BY_LANGUAGE = {
    "en": [r"\bnot\b", r"\bnever\b", r"\bno\b", r"n't\b", r"\bwithout\b"],
    "fr": [r"\bpas\b", r"\bjamais\b", r"\bsans\b", r"\baucun"],
    "es": [r"\bno\b", r"\bnunca\b", r"\bsin\b", r"\bningun"],
    "de": [r"\bnicht\b", r"\bkein", r"\bnie\b", r"\bohne\b"],
    "ru": [r"\bне\b", r"\bбез\b"],
}
NEGATORS = [n for ns in NEGATORS_BY_LANGUAGE.values() for n in dict.fromkeys(ns)]
#: Words that turn praise round without a negation ("personnel peu aimable", "poco amable",
#: "wenig hilfreich"): they flip a positive word up to two words after them, never a
#: negative one ("peu de problèmes" stays as it is), and not after the article that makes
#: them "a little" or in "à peu près" ("un poco mejor" is no complaint, "un peu cher" no
#: praise): ``(word, [the same word in those phrases])``.
DIMINISHERS = {
    "fr": (r"\bpeu", [r"\bun peu", r"\ba peu"]),
    "es": (r"\bpoco", [r"\bun poco"]),
    "de": (r"\bwenig", [r"\bein wenig", r"\bein bisschen wenig"]),
}
#: Chinese and Korean negations written against the word they turn ("不满意", "没有新鲜",
#: "不太方便", "안 좋아요", "못 써요"): no space or one, so they stand as a prefix.
NEGATORS_CJK = {
    "zh": r"(?:不|没有|没|未|别|并不|一点也不|一点都不)(?:是|太|很|怎么|大|够|算|那么|是很)?",
    "ko": r"(?:^|\s)(?:안|못)\s+",
}
#: Words that turn a comment round ("I loved it, but the fit was off"): the clause after the
#: last one decides the polarity when it has evidence of its own.
CONTRASTS = ["but", "however", "mais", "cependant", "pero", "sin embargo", "aber", "jedoch",
             "но", "однако"]
#: The same in Chinese and Korean, which need no space before them ("质量好但是太慢").
CONTRASTS_CJK = ["但是", "不过", "可是", "하지만", "그런데", "근데",
                 # Korean's contrast ending on the verb itself ("비싸지만 좋아요", "expensive
                 # but good"), its sentence-initial "however" and "on the other hand"
                 "지만", "그러나", "반면"]

#: The intensifiers and softeners among :data:`MODIFIERS`: "너무 맛있" and "정말 맛있" say
#: what "맛있" says, so a topic is named by the word they shape, once, where the three named
#: one topic ("너무 맛있 / 정말 맛있 / 진짜 맛있" on real Korean place reviews). Negations
#: ("not good"), comparisons ("more staff", a wish) and "again" / "always" keep their pairs.
INTENSIFIERS = frozenset({
    "very", "too", "really", "much", "so", "quite", "tres", "trop", "vraiment", "muy",
    "demasiado", "sehr", "zu", "очень", "слишком",
    "너무", "매우", "정말", "진짜", "아주", "잘", "완전", "많이", "조금", "약간", "넘", "엄청",
    "되게", "살짝",
    "很", "太", "非常", "挺", "比较", "十分", "特别", "有点", "真", "超", "蛮", "真的", "有些",
})

#: Negations and intensifiers: they shape the word next to them ("not good", "很好",
#: "너무 작아요") and stay inside word pairs, but are not a driver, a theme word or a topic's
#: name on their own ("很", "非常", "너무", "very" said nothing on real Chinese and Korean
#: reviews; issue 26 §4). Folded forms, every language in one set.
MODIFIERS = INTENSIFIERS | frozenset({
    "not", "no", "never", "nor", "without", "cannot", "cant", "dont", "didn", "doesn", "don",
    "isn", "wasn", "weren", "won", "wouldn", "couldn", "shouldn", "haven", "hasn", "hadn",
    "aren", "more", "less", "most", "least", "again", "always", "enough",
    "pas", "ne", "non", "jamais", "sans", "plus", "moins", "peu", "assez", "toujours", "encore",
    "nunca", "sin", "tampoco", "mas", "menos", "poco", "siempre",
    "nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "ohne", "mehr", "weniger",
    "immer", "wieder",
    "не", "нет", "ни", "никогда", "без",
    "안", "못", "더", "항상", "계속",
    "不", "没", "没有", "更", "最", "一直", "还是",
})

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
