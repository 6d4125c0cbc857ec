"""What a column's name says it holds, in the supported languages: a period or wave index,
a segment, a rating, a count or measure, a key, a customer value, an identifier, a category.
The names are read as words (:func:`_words`); the profile decides with the cells too."""

from __future__ import annotations

import functools
import re

from .joined import split_joined, vocabulary
from .rolenames import _norm, _role_words

# names of a period or wave index, in the supported languages (normalised)
_PERIOD_NAMES = re.compile(r"^(t|wave|waves|wave id|survey wave|vague|welle|oleada|ola|"
                           r"period|periode|periodo|period id|round|runde|ronda|qtr|quarter|"
                           r"quartal|trimestre|trimester|month index|волна|период|차수|"
                           r"회차|波次|期)$")
# segment-like names for integer codes (a store number, a region code)
# (a code is a group written as a number: "brand code", "código de tienda", 브랜드코드;
# Korean and Chinese names run their words together, so those match anywhere in the name)
_SEGMENT_NAMES = re.compile(r"\b(region|store|shop|branch|site|channel|stage|segment|team|"
                            r"agent|country|market|tier|plan|product|category code|magasin|"
                            r"filiale|tienda|sucursal|canal|etape|etapa|phase|markt|laden|"
                            r"brand|marque|marca|marke|code|codes|codigo|kode|"
                            r"sales ?person|sales ?rep|rep|account manager|account owner|"
                            r"owner|csm|advisor|adviser|consultant|employee|vendedor|"
                            r"asesor|atendente|berater|conseiller|vendeur|"
                            # who served them, and where: the team member and the site
                            r"profesional|professional|doctor|medico|physician|nurse|"
                            r"enfermera|staff|technician|tecnico|cashier|cajero|operator|"
                            r"operador|teacher|docente|profesor|instructor|trainer|driver|"
                            r"conductor|mitarbeiter|techniker|fahrer|specialist|especialista|"
                            r"sede|agencia|oficina|office|clinic|clinica|hospital|department|"
                            r"departamento|servicio|"
                            r"регион|магазин|канал|бренд|код)\b|"
                            r"지역|매장|채널|브랜드|코드|地区|门店|渠道|品牌|代码|编码")
# a rating question on a shorter scale (1-5 satisfaction, 1-7 effort), by its name
_RATING_NAMES = re.compile(r"\b(csat|ces|satisfaction|satisfied|satisfy|effort|ease|easy|"
                           r"rating|rate|rated|quality|agree|agreement|likert|satisfaccion|"
                           r"satisfecho|facilidad|esfuerzo|calidad|valoracion|calificacion|"
                           r"satisfait|facilite|qualite|evaluation|zufriedenheit|zufrieden|"
                           r"aufwand|qualitat|bewertung|satisfacao|satisfeito|qualidade|"
                           r"avaliacao|zadovoljstvo|ocjena|kvaliteta|удовлетворенность|"
                           r"оценка|качество|value for money|price quality|quality price|"
                           r"price performance|preis leistung|qualite prix|rapport qualite prix|"
                           r"calidad precio|relacion calidad precio|custo beneficio|"
                           r"соотношение цены и качества|цена качество)\b|"
                           r"만족|품질|평가|가성비|满意|质量|评分|评价|性价比|"
                           # satisfaction shortened ("osat", "sat_overall", "q1_satclaims"),
                           # not Saturday or saturation
                           r"\bo?sat(?!ur)[a-z]*\b")
# a count or a measure, whatever else its name says ("employee_count", "store size")
_MEASURE_NAMES = re.compile(r"\b(count|counts|number of|num of|qty|quantity|total|size|age|"
                            r"years|months|days|visits|anzahl|nombre de|cantidad|numero de|"
                            r"tenure|duration|seniority|anciennete|antiguedad|dauer|"
                            r"laufzeit|weeks|hours|minutes|distance|weight|height)\b")
# names of an identifier or a code: such a column of small integers is no rating
_KEY_NAMES = re.compile(r"(^|\b)(id|ids|uuid|guid|key|code|codes|codigo|kode|number|nr|"
                        r"numero|nummer|номер|код)(\b|$)|코드|번호|代码|编码|编号")
_VALUE_NAMES = re.compile(r"\b(revenue|amount|spend|spent|clv|ltv|lifetime value|arpu|arpa|"
                          r"acv|aov|gmv|"
                          r"customer value|value|sales|turnover|ticket|basket|order value|"
                          r"arr|mrr|ca|chiffre d affaires|montant|panier|umsatz|betrag|"
                          r"warenkorb|importe|ingresos|gasto|valor|monto|выручка|сумма|"
                          r"оборот|매출|금액|구매액|金额|销售额|消费)\b")
# a key, or what names one person (their name, e-mail, phone, national id number), in the
# languages of the comment analysis, Croatian, Portuguese and Spanish America's forms: never
# a group to compare
_ID_NAMES = re.compile(
    r"(^|\b)(id|uuid|guid|key|email|e mail|phone|ip|ip address|token|url|name|names|"
    r"first name|last name|full name|surname|nom|prenom|nom de famille|nombre|nombres|"
    r"apellido|apellidos|nombre completo|vorname|nachname|nome|sobrenome|ime|prezime|"
    r"имя|фамилия|отчество|фио|telefono|telefone|telephone|telefon|telephon|"
    r"celular|телефон|cedula|dni|cpf|rut|nif|nie|curp|rfc|ssn|passport|"
    r"pasaporte|passeport|reisepass|documento|numero de documento|correo|"
    r"correo electronico|courriel|почта)(\b|$)|이름|성명|성함|전화|연락처|주민|"
    r"姓名|名字|电话|手机|身份证")
_CATEGORY_WORDS = {
    "promoter": ("promoter", "promoters", "promotor", "promotores", "promoteur", "promoteurs",
                 "promotoren", "promotori", "promotore", "промоутер", "промоутеры", "추천자",
                 "추천고객", "추천 고객", "推荐者"),
    "passive": ("passive", "passives", "passif", "passifs", "pasivo", "pasivos", "neutral",
                "neutrals", "neutre", "neutres", "neutro", "neutros", "neutri", "passivo",
                "passivos", "passivi", "passiv", "indifferent", "indifferente", "pasivni",
                "пассив", "пассивы", "нейтрал", "нейтралы", "중립자", "중립고객", "중립 고객",
                "被动者", "中立者"),
    "detractor": ("detractor", "detractors", "detracteur", "detracteurs", "detraktor",
                  "detraktoren", "detractores", "detrator", "detratores", "detrattore",
                  "detrattori", "kritiker", "kriticar", "kriticari", "критик", "критики",
                  "비추천자", "비추천고객", "비추천 고객", "批评者", "贬损者"),
}


def _words(name: str) -> str:
    """A column name as words: camelCase split, then normalised (``CaTicket`` -> ``ca
    ticket``); a name run together in one case split into the words of this module's and
    the role detection's lists (``PRODUCTQUALITY`` -> ``product quality``,
    ``PRODUCTLINEID`` -> ``product line id``: a database's spelling of ``Product_Quality``
    was no rating, and its ``product_line_id`` no key)."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", str(name))
    words = _norm(spaced)
    return " ".join(split_joined(w, _name_words()) or w for w in words.split())


@functools.cache
def _name_words() -> frozenset[str]:
    """The words of the names this module and the role detection read (:mod:`.joined`)."""
    return vocabulary([p.pattern for p in (
        _PERIOD_NAMES, _SEGMENT_NAMES, _RATING_NAMES, _MEASURE_NAMES, _KEY_NAMES,
        _VALUE_NAMES, _ID_NAMES)]) | _role_words() | _SURVEY_WORDS


#: words survey exports name their columns with beside those the lists hold (what a
#: question is about: "service quality", "product line", "comment tag")
_SURVEY_WORDS = frozenset({
    "service", "product", "line", "tag", "tags", "delivery", "support", "price", "prices",
    "experience", "overall", "brand", "purchase", "intent", "awareness", "recall",
    "preference", "website", "app", "call", "center", "centre", "claims", "access",
    "speed", "staff", "checkout", "loyalty", "program", "programme", "contract", "type",
    "level", "group", "source", "medium", "device", "language", "gender", "plan"})
