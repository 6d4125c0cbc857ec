"""What each role's column is named, in the supported languages: the names and question
words of the score, the comment, the date, the customer and the response id, and the forms a
column name is matched in (normalised, camelCase split, run-together words split). Read by
the detection (:mod:`.columns`) and by the loader's other modules."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from .joined import split_joined, vocabulary


def _norm(text: Any) -> str:
    """Lower-case, accents stripped, punctuation to single spaces; letters of every script
    kept (Cyrillic, Hangul and Chinese names must still match)."""
    return _norm_text(str(text))


@functools.lru_cache(maxsize=4096)
def _norm_text(text: str) -> str:
    """:func:`_norm` of a string, remembered: detection normalises every column name and
    question once per role and pattern (a 240-column export: 24,000 calls, 0.1 s)."""
    s = unicodedata.normalize("NFKD", text)
    s = unicodedata.normalize("NFC", "".join(ch for ch in s if not unicodedata.combining(ch)))
    return re.sub(r"[^\w#]+|_", " ", s.lower()).strip()


# the usual column names in the seven languages the comment analysis supports (en, fr, es,
# de, ru, ko, zh) and Croatian, accents stripped as _norm does
_SCORE_NAMES_INTL = ["bewertung", "weiterempfehlung", "empfehlung", "punkte", "recommandation",
                     "note de recommandation", "puntuacion", "calificacion", "recomendacion",
                     "nota", "оценка", "рекомендация", "балл", "점수", "평가", "추천", "추천 점수",
                     "评分", "分数", "推荐", "推荐度", "nps 评分", "評分", "分數", "推薦",
                     "推薦度", "ocjena", "preporuka", "推奨度", "おすすめ度", "点数"]
_COMMENT_WORDS_INTL = [r"\bkommentar", r"\banmerkung", r"\bgrund\b", r"\braison\b",
                       r"\bcomentarios?\b", r"\brazon\b", r"\bpor que\b", r"\bpourquoi\b",
                       r"\bwarum\b", r"комментари", r"причин", r"отзыв", r"почему", r"의견",
                       r"코멘트", r"이유", r"评论", r"原因", r"意见", r"为什么", r"評論", r"意見",
                       r"為什麼", r"\bkomentar",
                       r"\brazlog", r"\bzasto\b",
                       # "your opinion", remarks and suggestions, as forms ask for comments
                       r"\bopinion\b", r"\bobservacion(es)?\b", r"\bsugerencias?\b",
                       r"\bavis\b", r"\bremarques?\b", r"\bmeinung\b", r"\banregung",
                       r"\bsugesto(es)?\b", r"\bsugestao\b", r"\bmisljenje\b",
                       r"\bprijedlo[gz]", r"мнени", r"пожелани", r"замечани", r"제안",
                       r"建议", r"建議",
                       # Japanese forms (no comment analysis of its own, but read as comments)
                       r"理由", r"コメント", r"ご意見", r"感想"]
# Google Forms names its answer time "Timestamp" in the form owner's language
_DATE_NAMES_INTL = ["datum", "fecha", "дата", "날짜", "日期", "date de reponse",
                    "fecha de respuesta", "antwortdatum", "marca temporal", "horodateur",
                    "zeitstempel", "carimbo de data hora", "informazioni cronologiche",
                    "отметка времени", "타임스탬프", "时间戳", "vremenska oznaka", "tijdstempel"]
_CUSTOMER_NAMES_INTL = ["kunde", "kunden id", "kundennummer", "kundennr", "kupac", "klijent",
                        "id client",
                        "client", "numero client", "cliente", "id cliente", "клиент",
                        "id клиента", "고객", "고객 id", "客户", "客户id", "客户 id",
                        # the e-mail column of a form, as each language's forms name it
                        "e mail", "e mail address", "direccion de correo electronico",
                        "correo electronico", "correo", "adresse e mail", "adresse email",
                        "adresse mail", "adresse electronique", "courriel", "e mail adresse",
                        "email adresse", "endereco de e mail", "endereco de email",
                        "indirizzo email", "indirizzo e mail", "e mail adresa",
                        "adresa e poste", "адрес электронной почты", "электронная почта",
                        "email адрес", "이메일 주소", "이메일", "电子邮件地址", "电子邮件",
                        "邮箱", "邮箱地址"]


_SCORE_NAMES = ["nps", "score", "nps score", "net promoter score", "ltr", "nps rating",
                "likelihood to recommend", "likely to recommend", "recommend", "rating",
                "recommendation", "recommendation score", "note", "note nps",
                *_SCORE_NAMES_INTL]
# the recommend verb as the standard question writes it in each language (accents stripped):
# "...would recommend...", "...que vous recommandiez...", "...que recomiende / recomendaria...",
# "...weiterempfehlen / empfehlen wurden?", "...порекомендуете...", "...추천할 가능성...",
# "...推荐...的可能性" (and 推薦, traditional); stems, so prefixed forms match too
_RECOMMEND_WORDS = [r"\brecommend", r"\brecommand", r"\brecom[ei]e?nd", r"empfehl",
                    r"рекоменд", r"추천", r"推荐", r"推薦", r"preporuc",
                    # the verb in the languages NPS surveys are also run in: Italian, Dutch,
                    # Polish, Turkish, Nordic, Finnish, Brazilian Portuguese, Japanese
                    r"\bconsigli", r"\baanbevel", r"\baanraden", r"\bpolec", r"\btavsiye",
                    r"\brekommend", r"\banbefal", r"\bsuosittel", r"\bindicaria",
                    r"\bindicar\b.*\bamig", r"おすすめ", r"お勧め", r"勧め", r"推奨"]
_SCORE_WORDS = [r"\bhow likely\b.*\brecommend", *_RECOMMEND_WORDS, r"\bnps\b", r"net promoter",
                r"\bscore\b", r"\brating\b",
                # NPS inside a word ("ValorNPS", "notaNPS", "NPSvalue"), last: its 0-10
                # content decides, as a column of categories named "NPS" beside it does not
                r"nps"]
# a column of each answer's category named for the NPS ("Q1_NPS_GROUP", Qualtrics' 1/2/3
# for detractor, passive, promoter; "NPS Category", "nps_segment", "Tipo NPS")
_NPS_CATEGORY = re.compile(r"\bnps (group|grupo|groupe|gruppe|category|categoria|categorie|"
                           r"kategorie|segment|segmento|class|classification|classe|klasse|"
                           r"type|tipo|bucket|label|status|zone)$|"
                           r"^(group|grupo|category|categoria|categorie|kategorie|segment|"
                           r"segmento|class|classe|type|tipo|status)( de| do| da)? nps$")
_COMMENT_WORDS = [r"most important reason", r"\breason", r"\bwhy\b", r"\bcomments?\b",
                  r"\bfeedback\b", r"\bexplanation\b", r"\bexplication\b", r"\bcommentaires?\b",
                  r"\bverbatim\b", r"open ended", r"\bremarks?\b", r"\bsuggestions?\b",
                  r"\bwhat could we\b", r"\bmotivo\b", r"\bbegrundung\b", r"\btext\b",
                  r"\bfollow ?up\b",
                  # a free-text answer named as one ("Customer Response", "open response",
                  # "Response"); not "Response ID", "Response Date" or "Response Status"
                  r"(\b(customer|open|free|written|text|verbatim|survey) |^)responses?\b"
                  r"(?! (id|ids|date|dates|time|timestamp|status|code|type|rate|number|no)\b)",
                  # review exports name the text a customer wrote so ("review", "content",
                  # "review_text", "Review Content", "리뷰 내용"); not "Review Date", "Review ID"
                  *(r"(?:^|\| )(?:" + name + r")(?= \| |\s*$)" for name in (  # whole names
                      r"((customer|user|guest|written|full) )?reviews?( (text|body|content|"
                      r"comments?))?", r"((review|comment|message|post|feedback) )?content",
                      r"(review|message|post) (text|body)", r"내용", r"评价(内容)?",
                      r"(评论|点评)内容", r"内容", r"resenas?", r"리뷰( 내용)?", r"후기",
                      _norm("レビュー"), r"口コミ", r"\w*rezension(en|stext)?")),
                  *_COMMENT_WORDS_INTL]
# the names of when the survey was answered come first, generic ones after them: an export
# that has both (a user's "created_at" and the answer's "surveyed_at") is dated by the answer
_ANSWER_DATE_NAMES = ["recorded date", "recordeddate", "end date", "enddate", "submitted at",
                      "submit date utc", "response timestamp", "responded at", "response date",
                      "survey date", "completed", "completion date", "completion time",
                      "submission time", "submission date", "submitdate", "submit date"]
_DATE_NAMES = [*_ANSWER_DATE_NAMES, "timestamp", "created at", "date", "datetime",
               "start date", "startdate", "time",
               # a review site's or app store's export: when the review was written
               "posted at", "posted on", "date posted", "published at", "published on",
               "review date", "reviewed at", "reviewed on", "written at", *_DATE_NAMES_INTL]
# other names that say the survey was answered then ("surveyed_at", "answered_on",
# "nps_response_date", "date_of_survey"): outrank the generic names when they hold dates
_ANSWER_DATE_WORDS = [r"\bsurveyed\b", r"\banswered\b", r"\bresponded\b", r"\bsubmitted\b",
                      r"\breplied\b", r"\bcompleted\b", r"\b(response|survey|answer|reply|nps)"
                      r" (date|time|timestamp|datetime|day)\b", r"\bdate (of )?(the )?"
                      r"(response|survey|answer|reply)\b",
                      # asked as a question: "What day did you fill the survey in?"
                      r"\b(when|what day|which day|what date)\b.*\b(survey|questionnaire|"
                      r"form)\b"]
# a date of birth is never the answer's, whatever its content ("DoB", "Geburtsdatum")
_BIRTH_NAMES = re.compile(r"\b(dob|d o b|birth|birthday|birthdate|date of birth|born|"
                          r"geburtsdatum|geburtstag|naissance|nacimiento|nascimento|"
                          r"рождения)\b|생년월일|출생|生日|出生")
_CUSTOMER_NAMES = ["customer id", "customerid", "customer", "client id", "clientid",
                   "account id", "accountid", "user id", "userid", "contact id", "person id",
                   "member id", "external reference", "externalreference", "externaldatareference",
                   "customer email", "email", "email address", "recipient email",
                   "recipientemail", "respondent email", *_CUSTOMER_NAMES_INTL]
_RESPONSE_NAMES = ["response id", "responseid", "respondent id", "respondentid",
                   "submission id", "feedback id", "review id", "answer id", "response", "#",
                   "id", "token"]


def _first_exact(columns: list[str], names: list[str], taken: set[str],
                 skip: Callable[[str], bool] | None = None) -> str | None:
    """The first column (in ``names``' order) named one of ``names``, not in ``taken`` and
    not one ``skip`` refuses (asked only of the columns so named)."""
    normed = {c: _name_forms(c) for c in columns if c not in taken}
    for name in names:
        for c, forms in normed.items():
            if name in forms and (skip is None or not skip(c)):
                return c
    return None


@functools.lru_cache(maxsize=4096)
def _name_forms(name: str) -> tuple[str, ...]:
    """A column name normalised (:func:`_norm`), without Salesforce's custom-field suffix
    (``NPS_Score__c`` -> ``nps score``), and when it is written in camelCase also split into
    its words (``ReviewComments`` -> ``review comments``, ``NPSScore`` -> ``nps score``,
    ``SurveyDate`` -> ``survey date``): a hotel's export named its comments
    ``ReviewComments`` and they were not analysed. Every form is matched."""
    base = re.sub(r"__(?:c|r|pc)$", "", str(name))  # Salesforce's custom-field suffix
    forms = [_norm(name), _norm(base),
             _norm(re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", base))]
    # in capitals or lower case without separators ("REVIEWCOMMENTS", "feedbackid"): the
    # words of the role lists it is made of
    forms.append(" ".join(split_joined(w, _role_words()) or w for w in forms[1].split()))
    return tuple(dict.fromkeys(forms))


@functools.cache
def _role_words() -> frozenset[str]:
    """The words the role names and patterns of this module are made of (:mod:`.joined`)."""
    return vocabulary([*_SCORE_NAMES, *_SCORE_NAMES_INTL, *_RECOMMEND_WORDS, *_COMMENT_WORDS,
                       *_COMMENT_WORDS_INTL, *_DATE_NAMES, *_DATE_NAMES_INTL,
                       *_ANSWER_DATE_WORDS, *_CUSTOMER_NAMES, *_CUSTOMER_NAMES_INTL,
                       *_RESPONSE_NAMES, _CUSTOMER_NOUNS, _ID_WORDS])


# who answered, as exports name the key of a customer (B2B: the account or company; public
# services: the household, patient, student...), alone or with an id word before or after:
# "Company_ID", "account_no", "Kundennummer", "numero_client", "id клиента", "회원번호"
_CUSTOMER_NOUNS = (r"customer|cust|client|account|acct|acc|company|organi[sz]ation|org|"
                   r"business|member|"
                   r"subscriber|user|contact|person|patient|guest|student|household|"
                   r"policyholder|buyer|shopper|consumer|tenant|kunde|kunden|firma|cliente|"
                   r"empresa|socio|entreprise|societe|adherent|клиент|клиента|абонент|"
                   r"абонента|компания|компании|고객|회원|客户|会员|用户")
_ID_WORDS = (r"id|ids|no|nr|num|number|nummer|numero|code|codigo|key|ref|reference|"
             r"identifier|uid|uuid|guid|email|e mail|mail|name|номер|код|번호|아이디|编号|号|代码")
_CUSTOMER_PATTERN = re.compile(
    rf"^(?:(?P<before>{_ID_WORDS}|n)\s*(?:de |du |des |del )?)?(?:{_CUSTOMER_NOUNS})"
    rf"\s*(?P<after>{_ID_WORDS})?$")
