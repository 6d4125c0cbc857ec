"""Patterns shared by the presets: comments that only praise or complain, comments about the
survey, fit and size, ease of use."""

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
    "ko": [_alone(r"(?:재구매 )?(?:너무 |아주 |정말 |매우 |다 |넘 )?"
                  r"(?:좋아요|좋아여|좋습니다|좋네요|좋아용|좋음|괜찮아요|괜찮습니다|"
                  r"괜찮네요|최고|최고에요|굿|만족|만족합니다|추천|별로|별로에요|별로예요)"),
           r"만족합니다", r"만족해요", r"만족스럽", r"추천합니다", r"추천해요", r"최악",
           r"모든 게 좋", r"다 좋아요", r"전반적으로", r"(?:마음|맘)에 (?:들|드)",
           # "using it happily", "the kids love it": praise with no reason, as reviews say it
           r"잘 ?(?:쓰고|쓸게|쓸께|쓰겠|사용하고|사용할게|사용할께|사용하겠|"
           r"먹고|먹었|먹을게|먹을께|입고|입을게|입을께)",
           r"좋아(?:하네요|해요|합니다|하세요|하더라)"],
    # the whole comment, or the whole experience: "快递很好" praises the courier (delivery),
    # not the shop overall
    "zh": [_alone(r"(?:都|一切|总体|整体|总的来说|总之|还是)?"
                  r"(?:很好|非常好|很满意|满意|不错|很差|太差|失望|推荐|很棒|好评|差评|"
                  r"还行|还可以|一般|挺好|很不错|非常不错|垃圾|好)"),
           r"(?:给个?|打个?)?(?:好评|差评)",
           r"(?:一切|都|总体|整体|总的来说|总之|整体来说)(?:都)?(?:很好|非常好|满意|不错|很差|太差)",
           r"(?:非常|很|十分)满意", r"(?:强烈|值得)推荐", r"(?:非常|很|太)失望"],
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
    "ko": [r"사이즈", r"치수", r"핏이", r"핏은", r"핏도", r"작아요", r"크기", r"기장",
           # a word of its own: "품" (width) is also the end of "상품" (product)
           r"(?:^|[^가-힣])(?:길이|허리|품)(?:가|이|는|도)? ",
           r"(?:커요|크네요|작네요|작아서|커서)",
           r"한 ?치수", r"정사이즈"],
    "zh": [r"尺码", r"偏小", r"偏大", r"合身", r"尺寸", r"码数", r"偏(?:长|短|紧|松)",
           r"大小(?:合适|适中|正好|刚好|不合适)"],
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

#: German "kündigen" (to cancel) in the forms that cannot be the adjective "kundig"
#: (knowledgeable), which folds to the same letters ("kundige Mitarbeiter", seen in real
#: energy-supplier reviews, issue 26): the noun, the participle, the past, "kündige ich",
#: and the infinitive after "zu", before a modal or at the end of a clause. RE2 has no
#: lookahead, so the forms are listed.
KUNDIG: tuple[str, ...] = (
    r"\bkundigung", r"\bgekundigt", r"\bkundigte", r"\bkundigst", r"\bkundigt\b",
    r"\bkundige ich\b",
    r"\bich kundige (?:zum|den|meinen|meine|hiermit|fristgerecht|jetzt|sofort)\b",
    r"\bzu kundigen\b",
    r"\bkundigen (?:wollte|will|wollen|mochte|musste|muss|mussen|konnte|kann|konnen|werde|"
    r"wurde|lassen|lasst)\b",
    r"\bkundigen[.,;:!?)]", r"\bkundigen$")
