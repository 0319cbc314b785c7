"""The vocabulary of people extraction: names in running text, role titles, imprint labels.

Strong roles (C-level, founders, managing directors, Vorstand, directeurs, DPO) may label a list
of names or sit in a sentence ("Le Directeur de Publication est Monsieur X"); any job title
("Head of Design", "Data Scientist") counts on a team card, where the page's layout says that
a name and a title belong together.
"""

from __future__ import annotations

import re

from monitor import normalize as nz
from monitor.extract import lexicon
from monitor.extract.given import starts_with_given
from monitor.extract.titles import capital_before

_UP = "A-ZÄÖÜÀ-ÖØ-ÞŁŚŹŻČŠŽĀ-ſА-ЯЁЀ-ЏҐЄІЇΑ-ΩΆ-Ώ"  # Latin, Cyrillic and Greek capitals
# Titles before a name, of every language of data/titles.tsv, starting with a capital, with
# the lower-case degree words after them ("Dr. rer. nat.", "Dipl.-Kfm.", "Bw.", "Mag. iur.").
HON = capital_before()
_TOKEN = rf"[{_UP}][\w'’]+(?:-[{_UP}][\w'’]+)?"
NAME = rf"(?P<name>{_TOKEN}(?:\s+(?:(?:von|van|de|der|den|du|la|le|di|da|zu|dos|del|ten|ter|af|av|ap|della|dal|dei|degli)\s+)*{_TOKEN}){{1,3}})"
# The strong titles as one alternation, written in lower case; ``STRONG`` matches them in any
# case inside larger patterns, ``STRONG_LOW`` finds them in lower-cased text (3x faster).
_STRONG_TITLES = (
    r"(?:director|editor|head)\s+of\s+(?:the\s+)?publication|publication\s+director|"
    r"chief\s+(?:[\w&-]+\s+){1,3}officer|c[efotmrip]o|ciso|chro|cdo"
    r"|(?:co-?)?founder(?:\s*(?:&|and)\s*(?:ceo|cto|coo|president|chairman))?"
    r"|managing\s+director|managing\s+partner|general\s+manager|executive\s+director|president"
    r"|chair(?:man|woman|person)?|director|data\s+protection\s+officer|dpo"
    r"|(?:haupt)?geschäftsführer(?:in(?:nen)?)?|geschäftsführung|geschäftsführende[rn]?\s+gesellschafter(?:in)?"
    r"|vorstand(?:svorsitzende[r]?)?|vorstände|vorsitzende[r]?\s+(?:der|des)\s+[\w-]*(?:geschäftsführung"
    r"|vorstand(?:e?s)?|aufsichtsrat(?:e?s)?)|aufsichtsratsvorsitzende[r]?|inhaber(?:in)?|prokurist(?:in(?:nen)?|en|a|ka|er|erne|erna)?"
    r"|(?:mit)?gründer(?:in)?|datenschutzbeauftragte[r]?"
    r"|(?:directeur|directrice)(?:\s+(?:général(?:e)?(?:\s+délégué(?:e)?)?|de\s+(?:la\s+)?publication"
    r"|de\s+la\s+rédaction|[ée]ditorial|financier|technique|commercial))?"
    r"|président(?:e)?(?:[- ]directeur\s+général)?|pdg|gérant(?:e)?|représentant\s+légal"
    r"|délégué(?:e)?\s+à\s+la\s+protection\s+des\s+données|responsable\s+de\s+(?:la\s+)?publication"
    r"|(?:co-?)?fondat(?:eur|rice)|代表取締役(?:社長|会長)?|取締役(?:社長|会長)?|社長|会長"
    r"|董事长|董事長|总经理|總經理|总裁|總裁|首席执行官|执行长|執行長|(?:联合)?创始人|創辦人|法定代表人"
    r"|대표이사|공동대표|회장|사장"
    # owners and the professions that head their own practice
    r"|besitzer(?:in)?|owner|proprietor|propriétaire|titolare|eigenaar|ägare|eier|ejer"
    r"|propriet[áa]ri[oa]|rechtsanw[aä]lt(?:in)?|fachanw[aä]lt(?:in)?|notar(?:in)?"
    r"|steuerberater(?:in)?|attorney|avocat|abogad[oa]|avvocat[oa]|advocaat|advokat"
    # chief executives and boards in ES IT NL PT NO SV DA
    r"|director[a]?\s+general|consejer[oa]\s+delegad[oa]|president[ea]|amministratore\s+delegato"
    r"|direttore\s+generale|algemeen\s+directeur|diret[oa]r[a]?\s+(?:executiv[oa]|geral)"
    r"|daglig\s+leder|administrerende\s+direkt[øo]r|verkst[äa]llande\s+direkt[öo]r|styreleder"
    r"|styrelseordf[öo]rande|bestyrelsesformand|direkt[øoö]r|bestuurder"
    # ... and in PL CS SK FI HU TR, feminine and founders' forms of the languages above
    r"|(?:wice)?prezes(?:ka)?(?:\s+zarządu)?|członek\s+zarządu|(?:wice)?przewodnicząc[ya]\s+rady\s+nadzorczej"
    r"|dyrektor(?:ka)?\s+generaln[ya]|prokurent(?:ka)?|jednatel(?:ka)?|konateľ(?:ka)?|ředitel(?:ka)?\s+společnosti"
    r"|generální\s+ředitel(?:ka)?|toimitusjohtaja|hallituksen\s+puheenjohtaja|ügyvezető(?:\s+igazgató)?"
    r"|vezérigazgató|genel\s+müdür|vd|directora|amministratrice\s+delegata"
    r"|(?:direttore|direttrice)\s+(?:tecnic[oa]|commerciale|finanziari[oa]|operativ[oa]|artistic[oa]|creativ[oa])"
    r"|präsident(?:in)?(?:\s+des\s+verwaltungsrat(?:e?s)?)?|verwaltungsratspräsident(?:in)?"
    r"|(?:mede)?oprichter|(?:co-?)?fundador(?:a)?|(?:med)?grundare|grunnlegger|stifter(?:in)?|perustaja"
    r"|zakladatel(?:ka)?|założyciel(?:ka)?|socio\s+fondatore|socia\s+fondatrice|s[óo]ci[oa][- ]fundador(?:a)?"
    # ... in RU UK BG SR HR SL RO EL ET LV LT
    r"|генеральн(?:ый|ого)\s+директор|генеральн(?:ий|ого)\s+директор|изпълнителен\s+директор|управител"
    r"|(?:со)?основател\w*|учредител\w*|засновни\w*|председател\w*\s+правлени\w*|голова\s+правління"
    r"|predsjednik\s+uprave|predsednik\s+uprave|član\s+uprave|osnivač\w*|ustanovitel\w*|direktorius"
    r"|generalinis\s+direktorius|įkūrėj\w+|valdes\s+priekšsēdētāj\w+|valdes\s+locek\w+|tegevjuht"
    r"|juhatuse\s+(?:esimees|liige)|asutaja|fondator(?:oare)?|președinte|director\s+general"
    r"|διευθύνων\s+σύμβουλος|γενικός\s+διευθυντής|ιδρυτής|πρόεδρος"
    # ... in HE AR
    r"|יו[\"״]ר(?:\s+הדירקטוריון)?|דירקטור(?:ית)?(?:\s+חיצוני(?:ת)?)?|מנכ[\"״]ל(?:ית)?|מייסד(?:ת)?"
    r"|رئيس\s+مجلس\s+الإدارة|الرئيس\s+التنفيذي|المدير\s+العام|مدير\s+عام|المؤسس|مؤسس"
)
# an acronym may prefix a title ("BDZV-Hauptgeschäftsführer"); a lower-case word may not ("Co-")
STRONG = rf"(?<!\w)(?<![a-zäöüß]-)(?i:{_STRONG_TITLES})(?!\w)"
STRONG_LOW = re.compile(rf"(?<!\w)(?:{_STRONG_TITLES})(?!\w)")  # callers check a "-" prefix's case
# Plurals, boards and managements that label a list of names, in the lexicon's languages. They
# are words of other things too ("Direction: A7 exit Nord", "Board: Raspberry Pi"): the names
# they label must start with a known first name.
GROUP = (
    r"managing\s+directors|directors|founders|co-?founders|managing\s+partners|gérant(?:e)?s|directeurs"
    r"|dirigeants|bestuurders|direktører|direktörer|amministratori|consejeros|diretores|gesellschafter(?:innen)?"
    r"|board(?:\s+of\s+directors)?|executive\s+board|management\s+board|management\s+team|leadership\s+team"
    r"|geschäftsleitung|aufsichtsrat|beirat|conseil\s+d['’]administration|comité\s+de\s+direction|direction"
    r"|consiglio\s+di\s+amministrazione|direzione|consejo\s+de\s+administración|dirección|direção"
    r"|conselho\s+de\s+administração|raad\s+van\s+bestuur|bestuur|directie|styret|styre|ledelse|ledning"
    r"|styrelse|ledningsgrupp|hallitus|johto|役員|経営陣"
    r"|zarząd|rada\s+nadzorcza|vedení(?:\s+společnosti)?|představenstvo|dozorčí\s+rada|verwaltungsrat"
    r"|vezetőség|igazgatóság|yönetim\s+kurulu|johtoryhmä|bestyrelse|direktion|junta\s+directiva"
    r"|руководство|правление|совет\s+директоров|керівництво|uprava|vodstvo|juhatus|valde|vadovybė"
    r"|conducere|consiliul\s+de\s+administrație|διοίκηση|διοικητικό\s+συμβούλιο"
    # a board's members, in the plural
    r"|board\s+members|vorstandsmitglieder|aufsichtsratsmitglieder|membres\s+du\s+conseil"
    r"|miembros\s+del\s+consejo|membri\s+del\s+consiglio|bestuursleden|styremedlemmer"
    r"|styrelseledamöter|bestyrelsesmedlemmer|hallituksen\s+jäsenet|członkowie\s+zarządu"
    r"|ledamöter|ordförande|nestleder|varamedlemmer|suppleanter"
)
GROUP_RX = re.compile(rf"(?i:{GROUP})")
LABEL = (
    rf"{STRONG}|(?i:vertreten\s+durch(?:\s+(?:den|die))?(?:\s+(?:geschäftsführer\w*|vorstand))?"
    r"|vertretungsberechtigt\w*(?:\s+(?:geschäftsführer\w*|gesellschafter\w*|vorstand|personen?))?"
    r"|represented\s+by|verantwortlich[^:]{0,70}|responsible\s+for\s+(?:the\s+)?content[^:]{0,40}"
    r"|redaktionsleitung|editor[- ]in[- ]chief|herausgeber(?:in)?"
    # procuration, the firm's power of attorney, as imprints label its holders ("Prokura: A, B")
    r"|(?:gesamt|einzel)?prokura|procuration|procura|prokurent(?:ka|ci)?"
    rf"|{GROUP})"
)
# Lower-case literal stems, found by substring search over the whole page: the full patterns
# cost ~0.5 µs per character, so they run only on lines that contain one of these.
LABEL_STEMS = tuple(
    ["генеральн", "изпълнителен", "управител", "основател", "учредител", "засновни", "председател", "голова", "predsjednik", "predsednik", "član", "osnivač", "ustanovitel", "direktorius", "generalinis", "įkūrėj", "valdes", "tegevjuht", "juhatuse", "asutaja", "fondator", "președinte", "διευθύνων", "γενικός", "ιδρυτ", "πρόεδρος", "董事长", "董事長", "总经理", "總經理", "总裁", "總裁", "首席执行官", "执行长", "執行長", "创始人", "創辦人", "法定代表人", "대표이사", "공동대표", "회장", "사장", "publication", "besitzer", "owner", "proprietor", "propriétaire", "titolare", "eigenaar", "ägare", "eier", "ejer", "propriet", "rechtsanw", "fachanw", "notar", "steuerberater", "attorney", "avocat", "abogad", "avvocat", "advocaat", "advokat", "consejer", "amministratore", "direttore", "algemeen", "diretor", "diretora", "daglig", "administrerende", "verkst", "styreleder", "styrelseordf", "bestyrelsesformand", "direktør", "direktor", "direktör", "bestuurder", "chief", "officer", "ceo", "cfo", "coo", "cto", "cmo", "cio", "cro", "cpo", "ciso", "chro", "cdo", "founder", "director", "manag", "president", "chair", "dpo", "geschäftsf", "vorstand", "vorstände", "vorsitz", "aufsichtsrat", "inhaber", "prokurist", "prokura", "procura", "prokurent", "gründer", "datenschutzbeauftrag", "directeur", "directrice", "président", "pdg", "gérant", "représent", "délégué", "responsable", "fondat", "vertreten", "vertretungsberecht", "represented", "verantwortlich", "responsible", "redaktion", "editor", "herausgeber", "代表", "取締役", "社長", "会長", "board", "leadership", "geschäftsleitung", "aufsichtsrat", "beirat", "conseil", "comité", "direction", "consiglio", "direzione", "consejo", "dirección", "direção", "conselho", "raad", "bestuur", "directie", "styre", "ledelse", "ledning", "styrelse", "hallitus", "johto", "役員", "経営陣", "gesellschafter", "dirigeants", "diretores", "prezes", "członek", "przewodnicząc", "dyrektor", "prokurent", "jednatel", "konateľ", "ředitel", "toimitusjohtaja", "puheenjohtaja", "ügyvezető", "vezérigazgató", "müdür", "vd", "amministratrice", "direttrice", "präsident", "oprichter", "fundador", "grundare", "grunnlegger", "stifter", "perustaja", "zakladatel", "założyciel", "socio", "socia", "sócio", "sócia", "zarząd", "rada", "vedení", "představenstvo", "verwaltungsrat", "vezetőség", "igazgatóság", "yönetim", "johtoryhmä", "bestyrelse", "direktion", "junta", "руководство", "правление", "совет", "керівництво", "uprava", "vodstvo", "juhatus", "valde", "vadovybė", "conducere", "consiliul", "διοίκηση", "διοικητικό", "members", "mitglieder", "membres", "miembros", "membri", "bestuursleden", "styremedlem", "ledamöter", "יו\"ר", "יו״ר", "דירקטור", "מנכ", "מייסד", "رئيس", "المدير", "مدير", "مؤسس", "المؤسس", "ordförande", "nestleder", "varamedlem", "suppleant", "bestyrelsesmedlem", "jäsenet", "członkowie"]
)
STRONG_RX = re.compile(STRONG)
ROLE_WORD = re.compile(
    r"(?i)(?<![\w-])(?:[A-Z][\w]{1,5}-)?(?:ceo|cfo|coo|cto|cmo|cio|cro|cpo|ciso|chro|chief|officer|(?:co-?)?founder|director|"
    r"manager(?:in|innen)?|designerin|head|lead|leader|president|chair\w*|partner|engineer|scientist|designer|developer|analyst|"
    r"consultant|relations|member|board|advisor|adviser|specialist|coordinator|architect|owner|vp|vice|"
    r"secretary|treasurer|counsel|editor|executive|associate|assistant|intern|recruiter|researcher|"
    r"reporter|writer|producer|journalist|accountant|attorney|lawyer|"
    r"geschäftsführer\w*|gesellschafter\w*|vorstand\w*|prokurist\w*|inhaber\w*|gründer\w*|leiter\w*|"
    r"leitung|referent\w*|berater\w*|entwickler\w*|ingenieur\w*|assistent\w*|directeur|directrice|"
    r"responsable|gérant\w*|président\w*|fondat\w+|associé\w*|chargée?|chef|ingénieur\w*|"
    r"jef[ea]|gerente|responsabile|direttor[ea]|diret[oa]ra?|gestor[a]?|hoofd|directeur\w*|"
    r"sjef|leder|chef\w*|direkt[øoö]r|bestuurder|amministratore|consejer[oa]|president[ea]|"
    r"rechtsanw\w+|fachanw\w+|anwalt|anwältin|notar\w*|steuerberater\w*|besitzer\w*|"
    r"ausbilder\w*|kassenwart\w*|vorsitz\w*|schriftführer\w*|trainer\w*|programmierer\w*|"
    r"experte|expertin|spezialist\w*|partnerin|spokes(?:person|man|woman)|porte-parole|portavo(?:z|ce)|"
    r"woordvoerder|talsperson|pressesprecher\w*|sprecher\w*|präsident\w*|mitglied\w*|delegierte[rn]?|sachbearbeiter\w*|"
    r"buchhalter\w*|mitarbeiter\w*|sekretär\w*|schatzmeister\w*|beisitzer\w*|verwaltungsrat\w*|"
    # FR ES IT PT: feminine forms and the trades of small firms
    r"comptable|avocate?|secrétaire|trésori\w+|conseill\w+|assistante|administrat\w+|"
    r"director[ae]s?|soci[oa]s?|s[óo]ci[oa]s?|(?:co-?)?fundador[ae]?s?|secretari[oa]|tesorer[oa]|vocal|"
    r"abogad[oa]|asesor[a]?|economista|auditor[a]?|ingenier[oa]|arquitect[oa]|coordinador[a]?|"
    r"técnic[oa]|direttrice|consiglier[ea]|segretari[oa]|tesorier[ea]|commercialista|avvocat[oa]|"
    r"ingegnere|architett[oa]|titolare|conselheir[oa]|coordenador[a]?|advogad[oa]|analista|"
    r"engenheir[oa]|desenvolvedor[a]?|programador[a]?|contador[a]?|consultor[a]?|"
    # common trades and jobs of small firms' team pages
    r"master|meister\w*|\w*betreuer\w*|assistenz|auszubildende[rn]?|azubi|\w*angestellte[rn]?|praktikant\w*"
    r"|werkstudent\w*|monteur\w*|verkäufer\w*|technicien\w*|commercial[ea]?|réceptionniste|receptionist"
    r"|recepcionista|contable|impiegat[oa]|tecnic[oa]|magazzinier[ea]|vendeu[rs]e?|vendedor[a]?|venditor[ea]"
    r"|verkoper|säljare|selger|sælger|regnskapsfører|regnskabsfører|handlowiec|zástupce|yönetici\w*"
    r"|strategist|barista|sommeli\w+|stagiaire|stagista|becari[oa]|연구소장|소장|"
    # NL NO DA SV FI
    r"(?:mede)?oprichter|eigenaar|vennoot|zaakvoerder|voorzitter|bestuurslid|lid|commissaris\w*|secretaris|penningmeester|adviseur|"
    r"medewerker\w*|rådgiver\w*|rådgivare|bogholder\w*|bokholder\w*|bokhållare|revisor\w*|"
    r"konsulent\w*|sekretær|kasserer|kassör|styremedlem\w*|bestyrelsesmedlem\w*|ledamot|"
    r"ordförande|formand|forperson|(?:med)?grundare|grunnlegger|stifter\w*|vd|ekonom|"
    r"jäsen|perustaja|osakas|asiantuntija|kehittäjä|suunnittelija|"
    # PL CS SK HU TR
    r"(?:wice)?prezes\w*|członek|członkini|(?:wice)?przewodnicząc\w+|dyrektor\w*|kierownik\w*|"
    r"prokurent\w*|założyciel\w*|wspólnik\w*|specjalist\w*|księgow\w+|doradca|radca|adwokat\w*|"
    r"jednatel\w*|konateľ\w*|ředitel\w*|riaditeľ\w*|projektant\w*|vedoucí|(?:místo)?předsed\w+|"
    r"predsed\w+|člen\w*|zakladatel\w*|majitel\w*|účetní|společní\w*|ügyvezető|igazgató|"
    r"vezérigazgató|alapító|tulajdonos|elnök\w*|müdür\w*|kurucu|başkan\w*|direktör\w*|üyesi|uzman\w*|"
    r"директор\w*|руководител\w*|керівни\w*|председател\w*|(?:со)?основател\w*|учредител\w*|засновни\w*|"
    r"менеджер\w*|бухгалтер\w*|юрист\w*|инженер\w*|управител\w*|член|членове|"
    r"predsjedni\w*|predsedni\w*|član\w*|osnivač\w*|vlasni\w*|direktori\w*|vadov\w*|įkūrėj\w+|"
    r"valdes|loceklis|direktors|tegevjuht|juhataja|asutaja|juhatuse|fondator\w*|președinte|"
    r"διευθυντ\w+|πρόεδρος|ιδρυτ\w+|σύμβουλος|μέλος|"
    # compounds: "Productmanager", "Marketingleiterin", "Økonomichef", "Salgssjef"
    r"\w{3,}(?:manager|leiter|leiterin|chef|sjef|leder|direktør|direktor|directeur|beauftragter?"
    r"|referent|referentin|berater|beraterin|entwickler|entwicklerin|ingenieur|ingenieurin"
    r"|experte|expertin|prüfer|prüferin|leider|rådgiver|rådgivare|ansvarig|ansvarlig|johtaja|päällikkö"
    r"|vedoucí|vezető|asiantuntija|konsulent|juht|ordförande|ledamot|vorstand|vorständin|ledare|fører|sprecher|sprecherin|talsmann|talskvinne|talsperson))(?![\w-])"
    r"|代表取締役|取締役|社長|部長|執行役員|代表者|代表理事|理事長|会長|専務|常務|監査役"
    r"|董事长|董事長|总经理|總經理|总裁|總裁|首席执行官|执行长|執行長|创始人|創辦人|法定代表人|董事|监事|監事"
    r"|总监|總監|经理|經理|대표이사|공동대표|부사장|사장|회장|전무|상무|이사|감사|창업자|팀장|부장"
    # HE AR HI TH, and VI ID in Latin letters
    r"|מנכ[\"״]ל\w*|סמנכ[\"״]ל\w*|יו[\"״]ר|דירקטור\w*|מייסד\w*|מנהל\w*|סגנ\w*|שות(?:ף|פה)|חבר(?:ת)? דירקטוריון"
    r"|الرئيس|رئيس\w*|مدير\w*|المدير\w*|نائب|عضو|مؤسس\w*|المؤسس\w*|شريك\w*|الشريك\w*"
    r"|निदेशक|अध्यक्ष|कार्यकारी|संस्थापक|प्रबंधक|सचिव|प्रमुख"
    r"|กรรมการ|ประธาน|ผู้อ(?:ำ|ํา)นวยการ|ผู้ก่อตั้ง|ผู้จัดการ|หัวหน้า|เลขานุการ"
    r"|(?i:gi[aá]m\s+[đd][oốô]c|ch[uủ]\s+t[iị]ch|nh[aà]\s+s[aá]ng\s+l[aậ]p|tr[uư][oởơ]ng\s+ph[oò]ng"
    r"|k[eế]\s+to[aá]n\s+tr[uư][oởơ]ng|tr[uư][oởơ]ng\s+ban"
    r"|direktur|komisaris|pendiri|manajer|kepala|ketua|wakil\s+ketua|sekretaris|bendahara)"
)
ROLE_STEMS = tuple(
    ["jef", "gerente", "responsabile", "direttor", "diretor", "gestor", "hoofd", "directeur", "sjef", "leder", "direktør", "direktor", "direktör", "bestuurder", "amministratore", "consejer", "president", "anwalt", "anwält", "notar", "steuerberater", "besitzer", "ausbilder", "kassenwart", "vorsitz", "schriftführer", "trainer", "programmierer", "experte", "expertin", "spezialist", "ceo", "cfo", "coo", "cto", "cmo", "cio", "cro", "cpo", "ciso", "chro", "chief", "officer", "founder", "director", "manager", "head", "lead", "president", "chair", "partner", "engineer", "scientist", "designer", "developer", "analyst", "consultant", "relations", "member", "board", "advisor", "adviser", "specialist", "coordinator", "architect", "owner", "vp", "vice", "secretary", "treasurer", "counsel", "editor", "executive", "associate", "assistant", "intern", "recruiter", "researcher", "reporter", "writer", "producer", "journalist", "accountant", "attorney", "lawyer", "geschäftsführer", "gesellschafter", "vorstand", "prokurist", "inhaber", "gründer", "leiter", "leitung", "referent", "berater", "entwickler", "ingenieur", "assistent", "directeur", "directrice", "responsable", "gérant", "président", "fondat", "associé", "charg", "chef", "ingénieur", "代表取締役", "取締役", "社長", "部長", "執行役員", "代表者", "代表理事", "理事長", "会長", "専務", "常務", "監査役", "partnerin", "präsident", "mitglied", "delegiert", "sachbearbeiter", "buchhalter", "mitarbeiter", "sekretär", "schatzmeister", "beisitzer", "verwaltungsrat", "comptable", "avocat", "secrétaire", "trésori", "conseill", "assistante", "administrat", "director", "soci", "sóci", "fundador", "secretari", "tesorer", "vocal", "abogad", "asesor", "economista", "auditor", "ingenier", "arquitect", "coordinador", "técnic", "direttrice", "consiglier", "segretari", "tesorier", "commercialista", "avvocat", "ingegnere", "architett", "titolare", "conselheir", "coordenador", "engenheir", "desenvolvedor", "programador", "contador", "consultor", "master", "meister", "betreuer", "assistenz", "auszubildend", "azubi", "angestellte", "praktikant", "werkstudent", "monteur", "verkäufer", "technicien", "commercial", "réceptionniste", "receptionist", "recepcionista", "contable", "impiegat", "tecnic", "magazzinier", "vendeu", "vendedor", "venditor", "verkoper", "säljare", "selger", "sælger", "regnskapsfører", "regnskabsfører", "handlowiec", "zástupce", "yönetici", "strategist", "barista", "sommeli", "stagiaire", "stagista", "becari", "소장", "ledare", "fører", "advogad", "analista", "oprichter", "eigenaar", "vennoot", "voorzitter", "bestuurslid", "secretaris", "penningmeester", "adviseur", "medewerker", "rådgiv", "bogholder", "bokholder", "bokhållare", "revisor", "konsulent", "sekretær", "kasserer", "kassör", "styremedlem", "bestyrelsesmedlem", "ledamot", "ordförande", "formand", "forperson", "grundare", "grunnlegger", "stifter", "vd", "ekonom", "jäsen", "perustaja", "osakas", "asiantuntija", "kehittäjä", "suunnittelija", "prezes", "członek", "członkini", "przewodnicząc", "dyrektor", "kierownik", "prokurent", "założyciel", "wspólnik", "specjalist", "księgow", "doradca", "radca", "adwokat", "jednatel", "konateľ", "ředitel", "riaditeľ", "projektant", "vedoucí", "předsed", "predsed", "člen", "zakladatel", "majitel", "účetní", "společní", "ügyvezető", "igazgató", "vezérigazgató", "alapító", "tulajdonos", "elnök", "müdür", "kurucu", "başkan", "üyesi", "uzman", "zaakvoerder", "juht", "董事长", "董事長", "总经理", "總經理", "总裁", "總裁", "首席执行官", "执行长", "執行長", "创始人", "創辦人", "法定代表人", "대표이사", "공동대표", "회장", "사장", "董事", "监事", "監事", "总监", "總監", "经理", "經理", "부사장", "전무", "상무", "이사", "감사", "창업자", "팀장", "부장", "директор", "руководител", "керівни", "председател", "основател", "учредител", "засновни", "менеджер", "бухгалтер", "юрист", "инженер", "управител", "член", "predsjedni", "predsedni", "član", "osnivač", "vlasni", "direktori", "vadov", "įkūrėj", "valdes", "loceklis", "direktors", "tegevjuht", "juhataja", "asutaja", "juhatuse", "fondator", "președinte", "διευθυντ", "πρόεδρος", "ιδρυτ", "σύμβουλος", "μέλος", "experte", "expertin", "prüfer", "leider", "ansvarig", "ansvarlig", "johtaja", "päällikkö", "vezető", "spokes", "porte-parole", "portavo", "woordvoerder", "talsperson", "sprecher", "talsmann", "talskvinne"]
)
_CUT_ROLE = re.compile(
    r"\s+(?:nach|gem\.?|gemäß|i\.\s?S\.?\s?d\.?|laut|according|under|pursuant)\b.*$|\s*§.*$", re.I
)
_TRAILING_ARTICLE = re.compile(r"\s+(?:den|die)$")
_LEADING_ARTICLE = re.compile(
    r"^(?:(?:der|die|das|unser\w*|the|our|new|neue[rn]?|le|la|notre|il|el|nuevo|nuovo)\s+){1,2}(?=\w)",
    re.I,
)
# A degree left before the title when "Name, Ph.D., Title" is split at its first comma.
_LEADING_DEGREE = re.compile(r"^(?:(?:Ph\.?\s?D|CSc|DrSc|MBA|LL\.?\s?M|M\.?\s?Sc|DiS)\.?\s*,?\s*)+")
FOLD_LABEL = {
    "vertreten durch": "Vertretungsberechtigt",
    "represented by": "Representative",
}


def role(raw: str) -> str:
    """A role as stored: legal references cut ("… nach § 55 RStV"), labels folded, one spelling."""
    cleaned = nz.text(raw)
    if " " in cleaned or "§" in cleaned:
        cleaned = _CUT_ROLE.sub("", cleaned)
    cleaned = _LEADING_ARTICLE.sub("", _LEADING_DEGREE.sub("", cleaned.strip(" :,")))
    key = _TRAILING_ARTICLE.sub("", cleaned.casefold())
    return FOLD_LABEL.get(key, nz.role(cleaned))


def is_role_line(line: str) -> bool:
    """A short line that reads like a job title ("Head of Design", "Geschäftsführerin"), in
    the role patterns' languages or in the multilingual lexicon's ("Mwenyekiti", "원장")."""
    words = line.split()
    return (
        0 < len(words) <= 6
        and len(line) <= 60
        and not line.endswith((":", "："))
        and not any(map(str.isdigit, line))
        and (bool(ROLE_WORD.search(line)) or lexicon_title(line))
    )


def lexicon_title(line: str) -> bool:
    """A line the multilingual lexicon reads as a title ("Mweka Hazina", "секретар позоришта"),
    unless it reads as a person's name with a known first name, first or after an honorific
    ("Professor Aoife Byrne")."""
    if not lexicon.has_title(line):
        return False
    words = line.split()
    return not (starts_with_given(line) or (len(words) > 2 and starts_with_given(" ".join(words[1:]))))
