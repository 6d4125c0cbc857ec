"""The ``education`` preset (schools, universities, training courses): what students and
trainees write under a course or teacher evaluation.

Written on the dev part of two real sets of English course feedback (issue 26 §1): 261
answers of King's College London seminar evaluations and 566 comments of University of
Michigan EECS students (Welch & Mihalcea 2017, as shipped in the R package sentimentr);
measured on their holdout part in ``docs/text-analysis-validation.md``. The other six
languages are written from each language's common words for the same themes, not validated
on real feedback (none was found).

Most themes need a school word ("class", "course", "exam", "office hours"), so the preset
codes little outside education and ``codeframe="auto"`` keeps choosing the other presets
for their own comments (tested on every real set).
"""

from __future__ import annotations

from ._common import OVERALL, SURVEY, Patterns

# a course named by its code ("EECS 388", "ENGR 398", "588") or as the class
_COURSE = (r"(?:it|this|that|them|a lot|the class|this class|the course|this course|the module|"
           r"this module|the seminars?|these seminars|the subject|eecs|engr|[a-z]{2,5} ?\d{3}|"
           r"\d{3})")

#: Praise or complaint about a course or teacher as a whole ("EECS 230 was one of my
#: favorite classes", "Don't take 995", "I hated 417"): the education form of the shared
#: "overall impression".
_OVERALL_EDUCATION: Patterns = {
    "en": [r"\bfavou?rites?\b",
           r"\b(?:best|worst|coolest|greatest|nicest|least favou?rite) (?:\S+ ){0,2}"
           r"(?:class|course|module|seminar|teacher|professor|lecturer|instructor|tutor)s?\b",
           r"\b(?:good|great|awesome|amazing|excellent|cool|bad|terrible|horrible|fantastic|"
           r"decent|ok|okay|solid|wonderful|lame|gaudy) (?:\S+ )?(?:class|course|module|"
           r"seminar)\b",
           rf"\b(?:like|liked|liking|love|loved|enjoy|enjoyed|hate|hated|dislike|disliked|loathe|"
           rf"regret|endure) (?:taking |doing |studying )?{_COURSE}",
           r"\b(?:don'?t|do not|would not|wouldn'?t|never|not going to|should not|"
           r"shouldn'?t|should have not|won'?t) (?:\S+ )?take\b",
           rf"\brecommend(?:ed)? (?:\S+ ){{0,2}}(?:{_COURSE}|professor|prof|teacher|lecturer)",
           rf"\bregret (?:taking|my choice|{_COURSE})", r"\bthank(?:s| you) for (?:\S+ ){0,2}"
           r"(?:teaching|the (?:class|course|module|seminars?|lessons?))\b",
           r"\bwell done\b", r"\bkeep up the good work\b",
           r"\bhad a (?:great|good|bad|terrible|hard) time (?:taking|in)\b",
           r"\b(?:glad|happy) (?:that )?i (?:took|did)\b",
           rf"\bdisappointed (?:by|with|in) {_COURSE}"],
    "fr": [r"\b(?:meilleur|pire)e? (?:cours|prof|professeure?|module|formation|formateur|"
           r"formatrice|enseignante?)\b",
           r"\b(?:tres bon|bon|excellent|super|mauvais|genial) (?:cours|module|prof|"
           r"professeure?|formateur|formation)\b",
           r"\bj'ai (?:beaucoup |vraiment )?(?:aime|adore|deteste) (?:ce|le|les|cette) "
           r"(?:cours|module|formation|matiere)"],
    "es": [r"\b(?:mejor|peor) (?:clase|curso|profesora?|asignatura|materia|docente)\b",
           r"\b(?:buen|mal|excelente|gran|pesimo) (?:curso|profesora?|clase|docente)\b",
           r"\bme (?:encanto|gusto|encantaron|gustaron) (?:la clase|el curso|la asignatura|"
           r"la materia|las clases)"],
    "de": [r"\b(?:bester|beste|bestes|schlechteste[rs]?) (?:kurs|dozent|dozentin|lehrer|"
           r"lehrerin|vorlesung|seminar|modul)\b",
           r"\b(?:guter|gute|toller|tolle|super|schlechter|schlechte) (?:kurs|dozent|dozentin|"
           r"lehrer|lehrerin|unterricht|vorlesung|seminar)\b"],
    "ru": [r"\bлучш\S* (?:курс|преподавател|предмет|учител|лектор)",
           r"\b(?:отличн|хорош|плох|ужасн)\S* (?:курс|преподавател|предмет|учител|лектор)",
           r"\bспасибо за (?:курс|лекци|заняти|урок)"],
    "ko": [r"최고의 (?:수업|강의|교수|선생님)", r"(?:좋은|훌륭한|최악의) (?:수업|강의)",
           r"수업 감사", r"강의 감사"],
    "zh": [r"最好的(?:老师|课|课程)", r"(?:好课|很好的课|最差的课)", r"谢谢老师", r"感谢老师"],
}

EDUCATION: dict[str, Patterns] = {
    "teachers & teaching": {
        "en": [r"\bteach(?:er|ers|es|ing)?\b", r"\btaught\b", r"\blectur(?:er|ers|ing)\b",
               r"\blectures?\b", r"\bprof(?:essor|essors|s)?\b", r"\bdr\b",
               r"\binstructors?\b", r"\btutors?\b", r"\bseminar lead", r"\bgsis?\b",
               r"\btas?\b", r"\bias?\b", r"\b(?:easy|hard|difficult) to (?:understand|follow|"
               r"grasp)\b",
               # explaining as teaching, not a call-centre agent who "explained the bill"
               r"\bexplain(?:s|ed|ing)? (?:\S+ ){0,3}(?:concepts?|topics?|material|content|"
               r"subject|ideas?|rules|theory|examples?|logic|lectures?|things|everything|"
               r"problems?|exercises?)\b", r"\b(?:well|clearly|poorly|badly|thoroughly) "
               r"explained\b", r"\b(?:clear|good|great|detailed|thorough|simple|simplified|"
               r"demonstrative) explanations?\b", r"\bexplanations? (?:of|were|was|are|is)\b",
               r"\bwell.prepared\b", r"\b(?:teaching|course|academic) staff\b",
               r"\bcommunicator\b"],
        "fr": [r"\benseignante?s?\b", r"\benseignement\b", r"\bprofs?\b",
               r"\bprofesseure?s?\b", r"\bmaitre(?:sse)?s?\b", r"\bformat(?:eur|rice)s?\b",
               r"\bintervenante?s?\b", r"\bcharge de td\b",
               r"\bexpli(?:que|quer|cations?) (?:\S+ ){0,3}(?:cours|notions?|concepts?|"
               r"exercices?|matiere|theorie|lecons?)\b",
               r"\bpedagog", r"\bcours magistra"],
        "es": [r"\bprofesor", r"\bprofes?\b", r"\bmaestr[oa]s?\b", r"\bdocentes?\b",
               r"\btutor", r"\binstructor", r"\bexplica\S* (?:\S+ ){0,3}(?:clases?|temas?|"
               r"conceptos?|materia|ejercicios?|teoria)\b", r"\bensen(?:a|an|o|aba|anza)\b",
               r"\bpedagog"],
        "de": [r"\blehrer", r"\bdozent", r"\bprofessor", r"\bprof\b", r"\btutor",
               r"\bausbilder", r"\btrainer(?:in)?\b", r"\berklar\S* (?:\S+ ){0,3}(?:stoff|"
               r"themen?|inhalte?|konzepte?|aufgaben?|theorie)\b", r"\bunterricht",
               r"\bvorlesung", r"\bdidakti"],
        "ru": [r"\bпреподава", r"\bучител", r"\bпрофессор", r"\bлектор", r"\bобъясн",
               r"\bлекци"],
        "ko": [r"교수", r"선생님", r"강사", r"설명", r"강의", r"수업 방식", r"튜터", r"조교"],
        "zh": [r"老师", r"教授", r"讲师", r"助教", r"讲解", r"讲课", r"授课", r"教学"],
    },
    "course content & materials": {
        "en": [r"\bmaterials?\b", r"\bcontent\b", r"\breadings\b", r"\bthe reading\b",
               r"\breading list", r"\btextbooks?\b", r"\bslides?\b",
               r"\b(?:lecture|course|class|seminar) notes\b",
               r"\bresources?\b", r"\bexamples?\b", r"\bpapers\b", r"\bsyllabus",
               r"\bcurriculum", r"\bcheat.?sheets?\b",
               r"\b(?:material|content|slides|course|curriculum|textbook)s? (?:\S+ ){0,3}"
               r"(?:outdated|out of date)\b", r"\btheor(?:y|etical)\b",
               r"\bpractical (?:examples?|sessions?|applications?|work|exercises?)\b",
               r"\breal.world\b", r"\bcover(?:ed|s|ing)? (?:a lot|everything|the basics|the "
               r"material|topics?|(?:in|during) (?:class|lectures?|the seminar))\b",
               r"\b(?:lecture|class|seminar) (?:does not|doesn'?t|didn'?t) cover\b",
               # the topics as content, not "explains difficult topics" (teaching)
               r"\b(?:the|this|each|weekly|new|final|two|some|these|those|other|different|"
               r"module|course) topics?\b", r"\btopics? (?:covered|was|were|is|are)\b"],
        "fr": [r"\bcontenu", r"\bsupports? de cours", r"\bpolycopie", r"\bpoly\b",
               r"\bdiapo", r"\bslides?\b", r"\bmanuel\b", r"\blectures\b", r"\bressources\b",
               r"\bexemples?\b", r"\bprogramme\b", r"\bmatiere\b", r"\btheori",
               r"\bsujets? (?:abordes|traites)\b", r"\bthemes? (?:abordes|traites)\b"],
        "es": [r"\bcontenidos?\b", r"\bmateriales?\b", r"\btemario", r"\btemas?\b",
               r"\bapuntes\b", r"\bdiapositivas", r"\blibro de texto", r"\blecturas\b",
               r"\brecursos\b", r"\bejemplos?\b", r"\bteori"],
        "de": [r"\binhalt", r"\bmaterial", r"\bunterlagen", r"\bskript", r"\bfolien\b",
               r"\blehrbuch", r"\bliteratur", r"\bbeispiel", r"\bstoff\b", r"\bthemen\b",
               r"\blehrplan", r"\btheorie", r"\bpraxis"],
        "ru": [r"\bматериал", r"\bсодержани", r"\bучебник", r"\bслайд", r"\bлитератур",
               r"\bпример", r"\bтем[аыуе]?\b", r"\bпрограмм", r"\bтеори", r"\bпрактик"],
        "ko": [r"(?:수업|강의) 내용", r"강의 자료", r"교재", r"교과서", r"슬라이드", r"예제",
               r"커리큘럼", r"실습"],
        "zh": [r"(?:课程|上课|讲课|教学)内容", r"教材", r"课件", r"讲义", r"例题", r"知识点"],
    },
    "workload & difficulty": {
        "en": [r"\bwork ?load", r"\b(?:lot|lots|amount|ton|tons|deal) of (?:work|homework|"
               r"busy ?work|reading)\b", r"\bbusy ?work", r"\btime.?consuming",
               r"\btoo (?:hard|difficult|easy|advanced|complex|abstract|fast|slow|"
               r"high.level|much|briefly|short)\b",
               rf"\b(?:{_COURSE[3:-1]}|logic|material|readings?|content|topics?) (?:is|was|were|"
               r"are|can be|seems?|looks) (?:\S+ ){0,2}(?:hard|difficult|challenging|tough|"
               r"easy|demanding|complex|abstract)\b",
               r"\bchallenging\b", r"\bmentally demanding\b", r"\bpac(?:e|ed|ing)\b",
               r"\brushed\b", r"\bmoves? (?:too )?(?:fast|quickly|slow)",
               r"\b(?:keep|catch) up\b", r"\bstruggl\S* (?:to|with) (?:understand|keep up|"
               r"follow|grasp|the|this)\b",
               r"\b(?:hard|difficult|easy|tough) (?:class|course|module|content|material|"
               r"exams?|homework|topics?|subject|concepts?)\b", r"\bburned all my time\b",
               r"\bkilled a lot of my time\b"],
        "fr": [r"\bcharge de travail", r"\btrop (?:dur|difficile|complique|rapide|lent|dense|"
               r"facile)", r"\b(?:cours|matiere|exercices?|examens?|module|notions?) "
               r"(?:\S+ ){0,2}difficiles?\b", r"\brythme", r"\bbeaucoup de travail",
               r"\bsurcharge", r"\bexigeant", r"\bdense\b"],
        "es": [r"\bcarga de trabajo", r"\bdemasiad[oa]s? (?:tareas?|trabajos?|deberes|"
               r"dificil|rapido|lento)", r"\bdificil", r"\bexigente", r"\britmo\b",
               r"\bmucho trabajo", r"\bmuy (?:duro|facil)\b", r"\bagobi", r"\bestresante"],
        "de": [r"\barbeitsaufwand", r"\baufwand", r"\bzu (?:schwer|schwierig|schnell|langsam|"
               r"viel|einfach)\b", r"\b(?:stoff|themen?|kurs|prufung|klausur|aufgaben?) "
               r"(?:\S+ ){0,2}schwierig", r"\banspruchsvoll", r"\btempo\b",
               r"\bviel stoff", r"\buberfordert"],
        "ru": [r"\bнагрузк", r"\bсложн", r"\bтрудн", r"\bслишком (?:быстр|медлен|много|"
               r"сложн|легк)", r"\bтемп\b"],
        "ko": [r"과제가 (?:너무 |좀 |많이 |정말 )?많", r"양이 (?:너무 |좀 |정말 )?많",
               r"어려(?:워|웠|운|움)", r"어렵", r"난이도", r"진도",
               r"벅차", r"너무 빠르"],
        "zh": [r"难度", r"(?:课|课程|考试|作业|题|内容)\S{0,3}(?:太难|很难)", r"作业(?:太)?多",
               r"负担", r"压力大", r"进度", r"节奏", r"太快", r"跟不上"],
    },
    "assignments & exams": {
        "en": [r"\bexams?\b", r"\bexaminations?\b", r"\bfinal (?:exam|project|paper)s?\b",
               r"\bon the final\b", r"\bmidterms?\b", r"\b(?:midterm|final|unit|class|"
               r"practice|online) tests?\b", r"\btests? (?:was|were|are|is) (?:\S+ )?(?:hard|"
               r"difficult|easy|fair|unfair|tricky)\b", r"\btest cases?\b",
               r"\bquiz(?:zes)?\b",
               r"\bgrad(?:e|es|ed|ing|er|ers)\b", r"\bmarking\b", r"\bmarked\b",
               r"\bmarks\b", r"\bcurve\b", r"\bassessments?\b", r"\bassignments?\b",
               r"\bhomeworks?\b", r"\bproblem sets?\b", r"\bpsets?\b", r"\bprojects?\b",
               r"\bessays?\b", r"\bcoursework\b", r"\bpast papers\b", r"\bexercises?\b",
               rf"\blabs? (?:for|in) {_COURSE}", r"\b(?:eecs|engr|[a-z]{2,5} ?\d{3}|\d{3}) labs?\b",
               r"\b(?:essay|assignment|coursework|homework|submission) deadlines?\b",
               r"\bsubmit (?:the |my |our )?(?:exercises?|homework|assignments?|essays?)\b",
               r"\bpeer reviews?\b"],
        "fr": [r"\bexamens?\b", r"\bpartiels?\b", r"\bcontroles?\b", r"\bdevoirs?\b",
               r"\bnotes?\b", r"\bnotation\b", r"\bcorrection", r"\bexercices?\b",
               r"\bprojets?\b", r"\bdissertation", r"\bmemoire\b", r"\bqcm\b", r"\btps?\b",
               r"\brendus?\b"],
        "es": [r"\bexamen(?:es)?\b", r"\bparciales?\b", r"\bpruebas?\b", r"\bnotas?\b",
               r"\bcalificac", r"\btareas?\b", r"\bdeberes\b", r"\bejercicios?\b",
               r"\bproyectos?\b", r"\btrabajos? (?:final|practico)e?s?\b", r"\bentregas?\b",
               r"\bevaluaci"],
        "de": [r"\bprufung", r"\bklausur", r"\bnoten?\b", r"\bbenotung", r"\bhausaufgabe",
               r"\bubung", r"\bprojekt", r"\bhausarbeit", r"\babgabe", r"\btests?\b"],
        "ru": [r"\bэкзамен", r"\bзачет", r"\bконтрольн", r"\bтест", r"\bоценк", r"\bбалл",
               r"\bдомашн", r"\bзадани", r"\bпроект", r"\bкурсов", r"\bэссе\b"],
        "ko": [r"시험", r"중간고사", r"기말고사", r"퀴즈", r"성적", r"학점", r"채점", r"과제",
               r"숙제", r"프로젝트", r"레포트", r"리포트"],
        "zh": [r"考试", r"期中", r"期末", r"测验", r"成绩", r"分数", r"评分", r"作业", r"项目",
               r"论文", r"报告"],
    },
    "help & questions": {
        "en": [r"\boffice hours?\b",
               r"\b(?:answer|answers|answered|answering) (?:\S+ ){0,2}questions\b",
               r"\bquestions (?:are |were |get |got )?(?:always )?answered\b",
               r"\bask(?:ing|ed)? (?:\S+ )?questions\b",
               r"\bexplained (?:any |all |the |my |our )?questions\b",
               r"\b(?:receptive|responsive|attentive|open) to (?:\S+ )?(?:questions|inquir)",
               r"\bwilling to help\b", r"\bapproachable\b",
               r"\bavailable (?:to answer|for questions|during office|after class)",
               r"\bconsultation slots?\b"],
        "fr": [r"\brepond\S* (?:a|aux) (?:nos |mes |toutes les )?questions",
               r"\bposer (?:des |nos |mes )?questions", r"\bpermanence",
               r"\bsoutien scolaire\b", r"\bheures? de bureau\b"],
        "es": [r"\bresponde?\S* (?:a )?(?:las |nuestras |todas las |mis )?"
               r"(?:preguntas|dudas)", r"\bresolver dudas\b", r"\btutorias?\b",
               r"\bhorario de atencion"],
        "de": [r"\bsprechstunde", r"\bfragen (?:beantwort|stellen|gestellt)",
               r"\bansprechbar"],
        "ru": [r"\bотвеча\S* на (?:\S+ )?вопрос", r"\bзадавать вопрос", r"\bконсультац"],
        "ko": [r"질문", r"답변", r"상담"],
        "zh": [r"答疑", r"提问", r"回答(?:问题|学生)", r"辅导", r"办公时间"],
    },
    "discussion & participation": {
        "en": [r"\bdiscussions?\b", r"\bdiscuss (?:their|our|topics|ideas)\b",
               r"\bdebates?\b", r"\bparticipat",
               r"\binteractive\b", r"\binteracting with the class\b",
               r"\bclass engagement\b",
               r"\bcontribut(?:e|ing|ions?) (?:to|in) (?:the )?(?:discussions?|class|seminars?)",
               r"\bgroup (?:work|projects?|discussions?)\b", r"\bcollaborat",
               r"\bcold.?call", r"\bpick(?:ing)? (?:on )?people\b", r"\bpresentations?\b",
               r"\bspeak up\b"],
        "fr": [r"\bdiscussion", r"\bdebat", r"\bparticip", r"\binteracti",
               r"\btravail de groupe", r"\ben groupe\b", r"\bexposes?\b",
               r"\bprise de parole"],
        "es": [r"\bdiscusi", r"\bdebat", r"\bparticipa", r"\binteractiv", r"\bdinamic",
               r"\btrabajo en (?:grupo|equipo)", r"\bexposici", r"\bpresentaci"],
        "de": [r"\bdiskussion", r"\bdiskutier", r"\bdebatt", r"\bbeteilig", r"\binteraktiv",
               r"\bmitarbeit\b", r"\bgruppenarbeit", r"\breferat", r"\bprasentation"],
        "ru": [r"\bобсужд", r"\bдискусс", r"\bдебат", r"\bучасти", r"\bинтерактив",
               r"\bгруппов"],
        "ko": [r"토론", r"토의", r"참여", r"발표", r"조별", r"팀플", r"상호작용"],
        "zh": [r"讨论", r"互动", r"参与", r"小组", r"发言", r"辩论", r"展示"],
    },
    "organisation & schedule": {
        "en": [r"\borganisation\b", r"\borgani[sz]ed\b", r"\bdisorgani",
               r"\bstructur(?:e|ed)\b", r"\bwell.run\b", r"\bnot well run\b",
               r"\bpoorly run\b", r"\btimetabl",
               r"\b(?:class|classes|lecture|lectures|seminar|seminars|session|sessions) "
               r"(?:\S+ ){0,4}(?:too early|too late|too short|too long|in the day|at \d)",
               r"\b(?:first|morning|\d+ ?(?:a\.?m|p\.?m)) (?:lecture|class|seminar)s?\b",
               r"\b(?:start|starts|started) at \d", r"\b\d+ ?(?:hr|hrs|hour) seems\b",
               r"\bclassrooms?\b", r"\blecture (?:hall|theatre|theater|recordings?)s?\b",
               r"\b(?:course|class|lectures?) management\b", r"\bclash(?:es)? with\b",
               r"\blarge class\b", r"\bclass size", r"\b(?:a lot of|too many) (?:people|"
               r"students) in\b", r"\bprerequisites?\b", r"\b(?:breadth|degree|theory|"
               r"hardware|ai|major|course) requirements?\b", r"\bcount for (?:\S+ )?"
               r"(?:credits?|requirements?)\b", r"\bsatisfy any requirements\b",
               r"\bclear instructions\b", r"\bplanning the lectures\b"],
        "fr": [r"\b(?:cours|module|formation)s? (?:\S+ ){0,2}(?:bien |mal )?(?:organise|"
               r"structure)", r"\bdesorganis",
               r"\bemploi du temps", r"\bhoraires? (?:des|du) cours\b",
               r"\bsalles? de (?:cours|classe)\b", r"\bamphi", r"\bcours en ligne\b",
               r"\benregistrements? (?:des|du) cours",
               r"\bdistanciel", r"\bpresentiel", r"\bconsignes\b", r"\beffectifs?\b",
               r"\bprerequis", r"\bects\b"],
        "es": [r"\b(?:curso|clase|asignatura)s? (?:\S+ ){0,2}(?:bien |mal )?(?:organizad|"
               r"estructurad)", r"\bdesorganiza", r"\bhorarios? de (?:clase|las clases)",
               r"\baulas?\b", r"\bclases? (?:en linea|online|virtual|presencial)",
               r"\bgrabaci\S* de (?:las )?clases",
               r"\bcreditos?\b", r"\bdemasiados alumnos"],
        "de": [r"\b(?:kurs|vorlesung|seminar|unterricht|modul)\S* (?:\S+ ){0,2}"
               r"(?:gut |schlecht )?(?:organisiert|strukturiert)", r"\bstundenplan",
               r"\bhorsaal", r"\bseminarraum", r"\bonline-?(?:kurs|vorlesung|unterricht)",
               r"\bprasenzunterricht", r"\bvorlesungsaufzeichnung", r"\bects\b",
               r"\bleistungspunkte"],
        "ru": [r"\bорганизаци\S* (?:курса|занятии|учебн)", r"\bрасписани", r"\bаудитори",
               r"\bдистанционн\S* (?:обучени|заняти)", r"\bзаписи лекци"],
        "ko": [r"수업 운영", r"강의 운영", r"시간표", r"강의실", r"교실", r"온라인 수업",
               r"비대면 수업", r"녹화 강의", r"강의 녹화"],
        "zh": [r"课程安排", r"课表", r"教室", r"线上课", r"网课", r"录播", r"学分"],
    },
    "interest & usefulness": {
        "en": [r"\binteresting\b", r"\buninteresting\b", r"\binterest in\b",
               r"\binterested in (?:\S+ )?(?:science|logic|philosophy|the subject|learning|"
               r"engineering|computer|machine|math)", r"\bboring\b",
               r"\b(?:pretty|very|bit|somewhat|so) dry\b", r"\bfun\b", r"\buseful\b",
               r"\buseless\b", r"\bpointless\b", r"\bwaste of time\b",
               r"\bworth taking\b", r"\bintellectually stimulating\b", r"\bstimulates?\b",
               r"\blearn(?:ed|t)? (?:a lot|so much|"
               r"nothing|much|very much|a ton|anything)\b", r"\b(?:did(?:n'?t| not)|never) "
               r"learn", r"\brelevan", r"\birrelevan", r"\bprepared me\b",
               r"\bchanged my life\b", r"\binsightful\b", r"\bmeaningful\b",
               r"\bcareer\b", r"\binternship\b", r"\bjob hunting\b"],
        "fr": [r"\b(?:cours|module|formation|matiere|sujet|contenu|seances?)s? (?:\S+ ){0,2}"
               r"(?:interessant|passionnant|ennuyeux|utile|inutile|enrichissant)",
               r"\bperte de temps", r"\bappris (?:beaucoup|enormement|plein|rien)",
               r"\brien appris"],
        "es": [r"\b(?:curso|clase|asignatura|materia|contenido|tema)s? (?:\S+ ){0,2}"
               r"(?:interesante|aburrid|util|inutil|entretenid|divertid|enriquecedor)",
               r"\bperdida de tiempo", r"\baprend\S* (?:mucho|muchisimo|bastante|nada)\b",
               r"\bno aprend"],
        "de": [r"\b(?:kurs|vorlesung|seminar|unterricht|modul|stoff|thema|themen)\S* "
               r"(?:\S+ ){0,2}(?:interessant|langweilig|spannend|nutzlich|sinnlos|lehrreich)",
               r"\bzeitverschwendung", r"\bviel gelernt", r"\bnichts gelernt",
               r"\blehrreich"],
        "ru": [r"\b(?:курс|предмет|лекци|заняти|материал)\S* (?:\S+ ){0,2}(?:интересн|скучн|"
               r"полезн|бесполезн|увлекательн)", r"\bпустая трата времени", r"\bнаучил"],
        "ko": [r"(?:수업|강의|과목)(?:이|은|도|가)? (?:\S+ )?(?:재미있|재밌|재미없|지루|유익|유용)",
               r"많이 배웠", r"배운 (?:게|것이) 없"],
        "zh": [r"(?:课|课程|讲座|内容)\S{0,4}(?:有趣|有意思|无聊|枯燥|有用|没用|实用)", r"受益匪浅",
               r"学到(?:了)?很多", r"浪费时间"],
    },
    "overall impression": {lang: [*OVERALL[lang], *_OVERALL_EDUCATION[lang]]
                           for lang in OVERALL},
    # "evaluación" and "valoración" are the course's assessment here, not the survey
    "the survey itself": {lang: [p for p in SURVEY[lang]
                                 if "evaluacion" not in p and "valoracion" not in p]
                          for lang in SURVEY},
}
