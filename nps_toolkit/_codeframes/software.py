"""The ``saas`` preset: software sold as a service."""

from __future__ import annotations

from ._common import EASE_OF_USE, OVERALL, SURVEY, Patterns

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
        "es": [r"\bprecios?\b", r"\bcaro\b", r"\bsuscripcion", r"\bplan\b", r"\bfactura",
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
