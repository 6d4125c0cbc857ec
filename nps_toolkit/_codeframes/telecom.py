"""The ``telecom`` preset: broadband, mobile, landline and TV providers.

English built on real comments (a UK provider's NPS survey, see
``docs/text-analysis-validation.md``): installation waits and engineer visits dominate new
customers' comments, and "faster broadband" there is the product's name, not a speed - speed
and outages are matched only with a word saying how the line behaves. The other languages
carry each theme's common words; they were not read against real comments. A network's own
product names ("faster broadband", "fibre", "宽带") say nothing about speed and are left out
of it.
"""

from __future__ import annotations

from ._common import EASE_OF_USE, KUNDIG, OVERALL, SURVEY, Patterns

# how a line behaves: the words that make "broadband" a comment about speed or outages
_BEHAVES = (r"(?:slow|fast|speed|drop|down\b|cut|disconnect|not working|isn'?t working|"
            r"doesn'?t work|stopped|keeps|intermittent|unreliable|reliable|stable|poor|patchy|"
            r"great|good|excellent|fine|brilliant|lag)")
_LINE = r"(?:internet|broadband|wi-?fi|connection|line|router|hub|signal)"

TELECOM: dict[str, Patterns] = {
    "installation & engineer": {
        "en": [r"\binstal+(?:ation|ed|ing|s)?\b", r"\binstil+ation", r"\bengineers?\b",
               r"\btechnicians?\b", r"\bfitted\b", r"\bfitter", r"\bset ?up\b", r"\bsetting up\b",
               r"\bactivat", r"\bgo.?live", r"\bswitch(?:ed)? on\b", r"\bup and running",
               r"\bstart date", r"\b(?:get|got|getting|be|been|being|was|were|not|still "
               r"not) (?:us |me |it )?(?:re)?connected\b", r"\bconnection date",
               r"\bstill (?:no|not got|haven'?t got|don'?t have|waiting for) (?:any |my |our "
               r"|the |a )?(?:faster )?(?:broadband|internet|phone|landline|line|service)",
               r"\bnot (?:yet )?(?:been )?(?:connected|installed|live)\b"],
        "fr": [r"\binstall", r"\btechnicien", r"\braccord", r"\bmise en service",
               r"\bbranchement", r"\bactivation"],
        "es": [r"\binstala", r"\btecnico", r"\bactivacion", r"\bdar de alta", r"\bel alta\b"],
        "de": [r"\binstall", r"\btechniker", r"\banschluss", r"\bfreischalt",
               r"\bfreigeschaltet", r"\beinrichtung"],
        "ru": [r"\bустановк", r"\bподключени", r"\bподключил", r"\bмонтаж", r"\bмастер"],
        "ko": [r"설치", r"기사님", r"기사가", r"개통"],
        "zh": [r"安装", r"师傅", r"开通", r"装机"],
    },
    "speed & outages": {
        "en": [rf"\b{_LINE}\b[^.!?]{{0,40}}\b{_BEHAVES}",
               rf"\b(?:slow|reliable|unreliable|stable|intermittent|poor|patchy|great|good|"
               rf"excellent|decent|better|quick|superfast)\s+(?:\w+\s+)?{_LINE}",
               r"\bspeeds?\b", r"\bmbps\b", r"\bmeg\b", r"\boutages?\b", r"\bdrops? out",
               r"\bdropping\b", r"\bcuts? out", r"\bkeeps? (?:dropping|cutting|disconnecting"
               r"|going)", r"\bno (?:internet|broadband|connection|signal)\b",
               r"\bbuffering", r"\blatency"],
        "fr": [r"\bdebit\b", r"\blent(?:e|eur)?\b", r"\bcoupures?\b", r"\bpannes? (?:de |d')?"
               r"(?:internet|reseau|connexion)", r"\bconnexion (?:lente|instable|coupe)",
               r"\bwi-?fi\b"],
        "es": [r"\bvelocidad", r"\blent[oa]\b", r"\blentitud", r"\bse cae\b", r"\bcaidas?\b",
               r"\bcortes?\b", r"\bsin internet", r"\bconexion", r"\bwi-?fi\b",
               r"\bmegas\b"],
        "de": [r"\bgeschwindigkeit", r"\blangsam", r"\bausfall", r"\bausgefallen",
               r"\bstorung", r"\babbruch", r"\bverbindung", r"\bwlan\b", r"\bbandbreite",
               r"\bmbit"],
        "ru": [r"\bскорост", r"\bмедленн", r"\bтормоз", r"\bобрыв", r"\bпропада",
               r"\bwi-?fi\b", r"\bвай-?фай", r"\bинтернет (?:не|плох|пропад|отвал)"],
        "ko": [r"속도", r"느려", r"느림", r"끊김", r"끊겨", r"끊어", r"와이파이", r"인터넷이 안",
               r"장애"],
        "zh": [r"网速", r"速度", r"掉线", r"断网", r"网络不稳定", r"卡顿"],
    },
    "mobile coverage & signal": {
        "en": [r"\bsignal\b", r"\bcoverage\b", r"\breception\b", r"\b[345]g\b",
               r"\bmobile (?:network|data)", r"\bdead zone",
               r"\bdropped calls?"],
        "fr": [r"\breseau\b", r"\bcouverture", r"\breception\b", r"\b[45]g\b", r"\bcapte"],
        "es": [r"\bcobertura", r"\bsenal\b", r"\b[45]g\b", r"\bsin red\b"],
        "de": [r"\bnetzabdeckung", r"\bempfang", r"\bnetz\b", r"\bfunkloch", r"\b[45]g\b",
               r"\blte\b"],
        "ru": [r"\bпокрыти", r"\bсигнал", r"\bсеть\b", r"\bсети\b", r"\bсвязь\b",
               r"\bсвязи\b"],
        "ko": [r"통화품질", r"신호", r"커버리지", r"수신", r"안 터", r"안터"],
        "zh": [r"信号", r"覆盖", r"没有网络", r"通话质量"],
    },
    "billing & payments": {
        "en": [r"\bbill(?:s|ed|ing)?\b", r"\binvoices?\b", r"\bovercharg", r"\bcharg(?:e|ed|es|"
               r"ing)\b", r"\bdirect debit", r"\bpayments?\b", r"\brefund",
               r"\b(?:paid|pay|paying) (?:for|the|my|upfront|up front|twice|more|extra|over)\b",
               r"\bcredit(?:ed)? (?:to )?(?:my |the )?account"],
        "fr": [r"\bfactur", r"\bprelev", r"\bpaiement", r"\brembours", r"\bpaye"],
        "es": [r"\bfactura", r"\bcobr", r"\bcargos?\b", r"\bpagos?\b", r"\breembols",
               r"\bdomicilia"],
        "de": [r"\brechnung", r"\babbuch", r"\babgebucht", r"\bzahlung", r"\bgutschrift",
               r"\berstatt", r"\blastschrift"],
        "ru": [r"\bсчет\b", r"\bсчета\b", r"\bсписа", r"\bсписыва", r"\bоплат", r"\bплатеж",
               r"\bвозврат"],
        "ko": [r"청구", r"결제", r"납부", r"환불", r"요금이 (?:더|많이)"],
        "zh": [r"账单", r"扣费", r"乱收费", r"缴费", r"退款", r"扣钱"],
    },
    "price, contract & deals": {
        "en": [r"\bprices?\b", r"\bpricing\b", r"\bcosts?\b", r"\bexpensive", r"\bcheap",
               r"\bvalue for money", r"\baffordabl", r"\bdeals?\b", r"\boffers?\b",
               r"\bcontract", r"\btariff", r"\bpackages?\b", r"\bbundles?\b", r"\bplans?\b",
               r"\bper month\b", r"\ba month (?:for|more|extra|cheaper)\b", r"\bdiscount",
               r"\bcompetitive",
               r"\bprice (?:rise|increase|hike)", r"£\s?\d"],
        "fr": [r"\bprix\b", r"\bcher\b", r"\bchere?s?\b", r"\btarif", r"\bforfait",
               r"\babonnement", r"\bcontrat", r"\boffres?\b", r"\baugment", r"\bpromo"],
        "es": [r"\bprecios?\b", r"\bcar[oa]s?\b", r"\btarifa", r"\bcontrato", r"\bpermanencia",
               r"\bofertas?\b", r"\bsubida", r"\bpromocion", r"\bbarat"],
        "de": [r"\bpreis", r"\bteuer", r"\btarif", r"\bvertrag", r"\bangebot", r"\berhoh",
               r"\bgunstig", r"\bpreiserhohung", r"\blaufzeit"],
        "ru": [r"\bцен", r"\bдорог", r"\bтариф", r"\bдоговор", r"\bконтракт", r"\bакци",
               r"\bдешев", r"\bподорож"],
        "ko": [r"요금제", r"요금", r"비싸", r"약정", r"할인", r"가격"],
        "zh": [r"价格", r"太贵", r"很贵", r"套餐", r"资费", r"合约", r"合同", r"涨价", r"便宜"],
    },
    "moving home": {
        "en": [r"\bmov(?:e|ed|ing) (?:house|home|address|in)\b", r"\bnew (?:house|home|address|"
               r"property|flat)\b", r"\brelocat", r"\bhouse move", r"\bhome move"],
        "fr": [r"\bdemenag"],
        "es": [r"\bmudanza", r"\bme mude\b", r"\bcambio de domicilio"],
        "de": [r"\bumzug", r"\bumgezogen", r"\bumziehen"],
        "ru": [r"\bпереезд", r"\bпереех"],
        "ko": [r"이사"],
        "zh": [r"搬家"],
    },
    "cancellation & leaving": {
        # leaving, not an appointment the provider called off (that is installation)
        "en": [r"\bcancel\S* (?:my|the|our|this|your) (?:contract|account|service|order|"
               r"subscription|broadband|package|direct debit|line)",
               r"\b(?:will|want to|going to|have|'ve|had to|wanted to|tried to|i) cancel",
               r"\bleav(?:e|ing) (?:you|company|the company)\b",
               r"\bswitch(?:ed|ing)? (?:to|provider|supplier|away)\b", r"\bterminat",
               r"\bnotice period", r"\bexit fee", r"\bport(?:ing)? (?:my |our )?number"],
        "fr": [r"\bresili", r"\bannul", r"\bchanger d'operateur", r"\bportabilite"],
        "es": [r"\bdar(?:me)? de baja", r"\bla baja\b", r"\bcancel", r"\bportabilidad",
               r"\bcambiarme de"],
        "de": [*KUNDIG, r"\bstorn", r"\banbieterwechsel",
               r"\brufnummernmitnahme"],
        "ru": [r"\bрасторг", r"\bотключить", r"\bперейти к", r"\bперешел", r"\bуйти от"],
        "ko": [r"해지", r"번호이동"],
        "zh": [r"销户", r"携号转网", r"退订", r"取消"],
    },
    "contacting support": {
        "en": [r"\bcustomer (?:service|services|support|care)\b", r"\bcall (?:centre|center)",
               r"\bon (?:the )?phone (?:to|for|with)\b", r"\bon hold\b", r"\bphon(?:ed|ing)\b",
               r"\bchat\b", r"\bget through to\b",
               r"\bspoke (?:to|with)\b", r"\bspeak(?:ing)? to\b", r"\badvis[oe]rs?\b",
               r"\bagents?\b", r"\boperators?\b", r"\bstaff\b", r"\bhelpful", r"\bunhelpful",
               r"\brude\b", r"\bpolite", r"\bfriendly", r"\bknowledgeable", r"\blive chat",
               r"\btransferr", r"\bpassed (?:from|around|between|to)\b", r"\bdepartments?\b",
               r"\brang\b", r"\brung\b", r"\blady\b", r"\bgentleman\b",
               r"\bcall(?:ed)? back\b", r"\bcomplaint", r"\bsales (?:team|person|rep)",
               r"\bthe (?:lady|gentleman|guy|man|woman|person|team)\b"],
        "fr": [r"\bservice client", r"\bconseill", r"\bhotline", r"\bau telephone",
               r"\binterlocut", r"\bsav\b", r"\bserviable", r"\baimable"],
        "es": [r"\batencion al cliente", r"\bservicio al cliente", r"\basesor", r"\boperador",
               r"\bagente", r"\bcall ?center", r"\bllamad", r"\bamable"],
        "de": [r"\bkundenservice", r"\bkundendienst", r"\bhotline", r"\bmitarbeiter",
               r"\bberater", r"\bwarteschleife", r"\bfreundlich", r"\bkompetent"],
        "ru": [r"\bподдержк", r"\bоператор", r"\bколл.?центр", r"\bгоряч\S* лини",
               r"\bконсультант", r"\bвежлив"],
        "ko": [r"고객센터", r"상담", r"콜센터", r"친절"],
        "zh": [r"客服", r"人工服务", r"热线", r"服务态度"],
    },
    "communication & updates": {
        "en": [r"\bcommunicat", r"\bkept (?:me |us )?(?:informed|updated)", r"\bupdates?\b",
               r"\btext(?:s| messages?)\b", r"\bemail(?:s|ed|ing)?\b", r"\bletters?\b",
               r"\bfalse promises", r"\bno(?:body| one) (?:told|contacted|called|got back)",
               r"\bnever (?:told|informed|got back)",
               r"\b(?:was|were|been|well|clearly|properly|fully|not|everything) explained",
               r"\bexplained (?:to|everything|clearly|well)", r"\binformation\b",
               r"\binfo\b"],
        "fr": [r"\bcommunication", r"\binforme", r"\btenu au courant", r"\baucune nouvelle",
               r"\bexplication"],
        "es": [r"\bcomunicacion", r"\binforma", r"\bavis(?:o|aron)", r"\bexplica"],
        "de": [r"\bkommunikation", r"\binformiert", r"\bruckmeldung", r"\berklart"],
        "ru": [r"\bинформир", r"\bсообщ", r"\bуведомл", r"\bобъясн"],
        "ko": [r"안내", r"연락", r"설명"],
        "zh": [r"通知", r"沟通", r"告知", r"解释"],
    },
    "waiting & delays": {
        "en": [r"\btook (?:\d+|a|two|three|four|five|six|several|many|so|too|ages|forever|"
               r"over|nearly|almost|weeks|months|long)", r"\b\d+ (?:weeks?|months?)\b",
               r"\b(?:weeks|months) (?:and (?:weeks|months)|later|on|after|of)\b",
               r"\bdelay", r"\bstill (?:waiting|not|no|haven'?t)\b", r"\blong time",
               r"\btoo long", r"\bwait(?:ed|ing)?\b", r"\bquick(?:ly)?\b", r"\bprompt",
               r"\bspeedy", r"\befficient", r"\bfast\b", r"\blate\b"],
        "fr": [r"\bdelai", r"\battend", r"\bsemaines", r"\bmois\b", r"\brapid",
               r"\btoujours pas", r"\bretard"],
        "es": [r"\bdemora", r"\btardan", r"\bsemanas", r"\bmeses", r"\brapid",
               r"\btodavia no", r"\baun no", r"\bretraso", r"\besper"],
        "de": [r"\bwarte", r"\bwochen", r"\bmonate", r"\bverzoger", r"\bschnell",
               r"\bimmer noch (?:nicht|kein)"],
        "ru": [r"\bдолго", r"\bждал", r"\bждать", r"\bожидани", r"\bнедел", r"\bмесяц",
               r"\bбыстр"],
        "ko": [r"오래", r"기다", r"지연", r"빠르", r"빨리"],
        "zh": [r"等了", r"很久", r"太慢", r"拖", r"及时", r"快速", r"很快"],
    },
    "faults & fixes": {
        "en": [r"\bproblems?\b", r"\bissues?\b", r"\bfault", r"\bresolv", r"\bsorted\b",
               r"\bfix(?:ed|ing)?\b", r"\brepair", r"\bbroken\b", r"\bnot working\b",
               r"\bdoesn'?t work", r"\bnothing (?:is )?working"],
        "fr": [r"\bprobleme", r"\bpanne", r"\bresolu", r"\brepar", r"\bregle\b"],
        "es": [r"\bproblema", r"\baveria", r"\bfalla", r"\bresuelt", r"\bsolucion",
               r"\barregl"],
        "de": [r"\bproblem", r"\bstorung", r"\bgelost", r"\bbehoben", r"\bdefekt"],
        "ru": [r"\bпроблем", r"\bнеисправн", r"\bрешил", r"\bрешен", r"\bпочин",
               r"\bполомк"],
        "ko": [r"문제", r"고장", r"해결", r"수리"],
        "zh": [r"问题", r"故障", r"解决", r"修好", r"维修"],
    },
    "ordering & sign-up": {
        "en": [r"\border(?:ed|ing|s)?\b", r"\bsign(?:ed|ing)? up\b", r"\bweb ?site",
               r"\bonline\b", r"\bthe app\b", r"\bprocess\b", r"\bswitch(?:ing)? over\b",
               r"\bjoin(?:ed|ing)?\b"],
        "fr": [r"\bcommande", r"\bsouscri", r"\bsite\b", r"\ben ligne", r"\binscription"],
        "es": [r"\bpedido", r"\bcontrat(?:e|ar|acion)\b", r"\bpagina web", r"\ben linea",
               r"\btramite"],
        "de": [r"\bbestell", r"\bwebseite", r"\bwebsite", r"\bonline\b", r"\bantrag"],
        "ru": [r"\bзаказ", r"\bоформ", r"\bсайт", r"\bприложени"],
        "ko": [r"주문", r"가입", r"홈페이지", r"신청"],
        "zh": [r"下单", r"办理", r"网上", r"官网", r"申请"],
    },
    "tv & entertainment": {
        "en": [r"\btv\b", r"\btelevision", r"\bchannels?\b", r"\bsports?\b",
               r"\b(?:set.?top|youview|tv) box", r"\bnetflix", r"\bsky q\b", r"\bcatch.?up"],
        "fr": [r"\btele\b", r"\btelevision", r"\bchaines?\b", r"\bdecodeur"],
        "es": [r"\btelevision", r"\btv\b", r"\bcanales\b", r"\bdeco(?:dificador)?\b"],
        "de": [r"\bfernseh", r"\btv\b", r"\bsender\b", r"\breceiver"],
        "ru": [r"\bтелевиден", r"\bтв\b", r"\bканал", r"\bприставк"],
        "ko": [r"티비", r"\btv\b", r"채널", r"셋톱"],
        "zh": [r"电视", r"频道", r"机顶盒"],
    },
    "ease of use": EASE_OF_USE,
    "overall impression": OVERALL,
    "the survey itself": SURVEY,
}
