"""Company forms of many countries, and the words a firm's name is made of.

A legal name is a name followed by its form ("Maré Alta Software, Lda.", "Agroinsumos del
Bajío, S.A. de C.V.", "Norrskog Kraft AB (publ)", "Egeli Tekstil Sanayi ve Ticaret A.Ş."), or
in East Asia the form before or after the name ("株式会社ヒノキ精機", "주식회사 한빛바이오텍",
"曦光光電股份有限公司"). ``company_name`` finds the names; this module only knows the forms.
"""

from __future__ import annotations

import re

# Upper-case letters of the Latin scripts (Turkish "Ş", Polish "Ł", Czech "Č", …), Greek and
# Cyrillic: a name word opens with one.
UPPER = "A-ZÀ-ÖØ-Þ" + "".join(
    c for c in map(chr, range(0x100, 0x250)) if c.isupper()
) + "Α-ΩΆ-ΏА-ЯЁЀ-Џ"

FORMS = (
    # German-speaking countries
    r"GmbH\s*&\s*Co\.?\s*KG(?:aA)?|gGmbH|GmbH|Ges\.?m\.?b\.?H\.?|GesmbH|mbH|AG|SE|KGaA|KG|OHG|OG"
    r"|UG(?:\s*\(haftungsbeschränkt\))?|e\.\s?V\.|eG|PartG(?:\s?mbB)?|GbR|Sagl"
    # English-speaking countries and Asia in English
    r"|\(Pty\)\s?Ltd\.?|\(Pvt\.?\)\s?Ltd\.?|Pty\.?\s?Ltd\.?|Pty\.?\s?Limited|Pvt\.?\s?Ltd\.?|Private\s+Limited|Pte\.?\s?Ltd\.?"
    r"|Sdn\.?\s?Bhd\.?|Co\.,?\s?Ltd\.?|Ltd\.?|Limited|LLC|L\.L\.C\.|PLLC|Inc\.?|Incorporated"
    r"|Corp\.?|Corporation|PLC|plc|LLP|LP"
    # Latin America, Spain, Portugal
    r"|S\.?\s?A\.?\s+de\s+C\.?\s?V\.?|S\.?\s?A\.?\s?P\.?\s?I\.?\s+de\s+C\.?\s?V\.?"
    r"|S\.\s?de\s+R\.?\s?L\.?(?:\s+de\s+C\.?\s?V\.?)?|S\.A\.U\.|S\.\s?Coop\.?|Ltda\.?|EIRELI"
    r"|Unipessoal,?\s+Lda\.?|Lda\.?"
    # French-speaking countries
    r"|S\.?A\.?S\.?U?|SARL|S\.?A\.?R\.?L\.?|S\.à\s?r\.l\.|Sàrl|EURL|SNC|SCA|SCOP|SELARL|SPRL|SCRL"
    r"|Ltée|ltée|inc\."
    # Italy, Romania, Belgium (SRL), Spain (S.L., and its professional and labour forms S.L.P., S.L.L.)
    r"|S\.?r\.?l\.?s?|S\.R\.L\.?|SRL|S\.?p\.?A\.?|S\.a\.s\.|S\.n\.c\.|S\.c\.a\.r\.l\.|S\.L\.[PL]\.|S\.?L\.?U?"
    r"|S\.?A\.?"
    # Benelux
    r"|BVBA|B\.?V\.?|N\.?V\.?|VOF|CommV"
    # Nordic and Baltic countries
    r"|AB(?:\s\(publ\))?|ASA|AS|A/S|ApS|I/S|K/S|P/S|Oyj|Oy(?:\s+Ab)?|OÜ|HB|KB|ehf\.?|hf\."
    # Central and Eastern Europe, Turkey
    r"|[Ss]p\.\s?z\s?o\.\s?o\.|sp\.\s?k\.|sp\.\s?j\.|spol\.\s?s\s?r\.\s?o\.|s\.\s?r\.\s?o\.|a\.\s?s\."
    r"|Kft\.?|Zrt\.?|Nyrt\.?|d\.\s?o\.\s?o\.|d\.\s?d\.|EOOD|OOD|A\.\s?Ş\.?|Ltd\.?\s?Şti\.?"
    r"|(?:Anonim|Limited)\s+Şirketi|Kooperatifi"
    # Wales
    r"|Cyf\.?|Cyfyngedig"
    # Japan in Latin letters, Greece, Indonesia
    r"|K\.\s?K\.|KK|GK|Α\.\s?Ε\.|ΑΕ|Ε\.\s?Π\.\s?Ε\.|Ι\.\s?Κ\.\s?Ε\.|Ο\.\s?Ε\.|Tbk\.?"
)
# Upper-case letters of Vietnamese (and of the Latin scripts): a Vietnamese name word opens with one.
VI_UPPER = "A-Z" + "".join(c for c in [*map(chr, range(0xC0, 0x250)), *map(chr, range(0x1EA0, 0x1EFA))] if c.isupper())
# Forms written before the name ("SAS LUNARO", "SIA Baltic Wood", "UAB Medvilna").
PREFIX_FORMS = r"SAS|SARL|SA|AB|AS|SIA|UAB|OOO|PT|CV"
PREFIX_STEMS = ("SAS ", "SARL ", "SA ", "AB ", "AS ", "SIA ", "UAB ", "OOO ", "PT ", "CV ")  # fmt: skip
# Lower-case pieces of the forms: the lines holding one are found by substring search over the
# whole page (C speed); the form pattern then runs on those lines only.
STEMS = (
    "gmbh", "ltd", "limited", "llc", "l.l.c", "inc.", "inc,", "corp", "plc", "llp", " ag ",
    " ag,", " ag.", " kg", " ohg", " ug ", "e.v", "e. v", "s.a.", "sas ", "sas,", "sarl", "s.l.",
    "s.r.l", "srl", "s.p.a", "b.v", "n.v", " bv", " nv", "aps", "a/s", " oy", "lda", "sp. z",
    "pty", "pvt", "pte", "sdn", "ltée", "ltda", "bvba", "sprl", "(publ)", "oü", "s.r.o", "a.s.",
    "kft", "zrt", "d.o.o", "d.d.", "a.ş", "şti", "de c.v", "eood", "ehf", " hf.", "株式会社", "有限会社", "合同会社",
    "주식회사", "유한회사", "(주)", "㈜", "有限公司", "ооо", "тов", "ао ", "пао", "зао", "тоо", "еоод",
    "оод", "ooo", "uab", "จํากัด", "sia „", "sia \"", "công ty", "บริษัท", 'בע"מ', "α.ε", " αε", "ε.π.ε", "ι.κ.ε", "ο.ε", "tbk",
    "kooperatifi", "şirketi", " cyf", "लिमिटेड", "लि.", "লিমিটেড", "লিঃ", "லிமிடெட்", "லிட்.", "لمیٹڈ", "لمیٹیڈ",
    "ذات مسؤولية محدودة", "ذ.م.م", "» asc", "» qsc", "» mmc", "\" asc", "\" mmc", "შპს", "სს ", "жшс", "սպը", "փբը", "բբը", "еад",
)  # fmt: skip
# Short forms that are words in lower case ("as", "se", "ab"): searched case-sensitively.
SHORT_STEMS = (" AS", " ASA", " AB", " SA", " SE", " AG", " KG", " SL", " Inc", " SAS", " Oy",
               " KK", " NV", " BV", " OÜ", " GK", " SRL", " OG")  # fmt: skip
SHORT_FORMS = (*SHORT_STEMS, " ag", " Oyj")
# Words inside a name that are not capitalised: "and" in the languages of the forms above.
CONNECTORS = (
    r"&|und|and|et|y|e|i|ve|og|och|ja|en|a|și|si|de|der|des|del|della|dei|di|da|do|dos|das|du|la"
    r"|le|les|los|las|of|the|The|van|von|für|for|zu|zum|zur"
)
# The forms around a name in the scripts that write them so: Japanese before or after it, Korean
# before or after it (with or without a space), Chinese after it, Cyrillic before it with the
# name in quotes, Vietnamese and Thai before it, Hebrew after it. A name found so is in the
# page's own script, and wins over its Latin translation.
CJK = re.compile(
    r"(?:株式会社|有限会社|合同会社)[^\s、。()（）]{1,30}|[^\s、。()（）]{1,30}(?:株式会社|有限会社|合同会社)"
    r"|(?:주식회사|유한회사|\(주\)|㈜)\s?[가-힣A-Za-z0-9]{1,20}|[가-힣A-Za-z0-9]{1,20}\s?(?:주식회사|\(주\)|㈜)"
    r"|[\u4e00-\u9fff]{2,20}(?:股份有限公司|有限責任公司|有限责任公司|有限公司)"
    # Russian, Ukrainian, Kazakh, Bulgarian: the form, then the name in quotes (ООО «Ромашка»)
    r"|(?:ООО|АО|ПАО|ЗАО|ОАО|ТОВ|ПрАТ|ПАТ|ТОО|ЕООД|ООД|АД|OOO|UAB|SIA|VšĮ)\s?[«\"„“][^»\"“”\n]{2,40}[»\"“”]"
    # Bulgarian, Kazakh, Armenian, Azerbaijani: the name in quotes, then the form ("Бирена" ООД, "Дала" ЖШС)
    r"|[«\"„“][^»\"“”\n]{2,40}[»\"“”]\s?(?:ЕООД|ООД|ЕАД|АД|ЖШС|ТОО|ՍՊԸ|ՓԲԸ|ԲԲԸ|ASC|QSC|MMC)(?!\w)"
    # Georgian: the form, then the name in quotes (შპს "ღვინის სახლი")
    r"|(?:შპს|სს|ი/მ)\s?[«\"„“][^»\"“”\n]{2,40}[»\"“”]"
    # Hindi and Nepali, Bengali, Tamil, Urdu: "(Private) Limited" written in the script, after
    # a name in the same script, and no word of it after the form ("लिमिटेड एडिशन" is an offer)
    r"|(?<![\u0900-\u097f])[\u0900-\u097f]+(?:\s[\u0900-\u097f]+){0,7}\s(?:प्राइवेट\s|प्रा\.\s?)?(?:लिमिटेड|लि\.)(?!\s*[\u0900-\u097f])"
    r"|(?<![\u0980-\u09ff])[\u0980-\u09ff]+(?:\s[\u0980-\u09ff]+){0,7}\s(?:প্রাইভেট\s)?(?:লিমিটেড|লিঃ)(?!\s*[\u0980-\u09ff])"
    r"|(?<![\u0b80-\u0bff])[\u0b80-\u0bff]+(?:\s[\u0b80-\u0bff]+){0,7}\s(?:பிரைவேட்\s)?(?:லிமிடெட்|லிட்\.)(?!\s*[\u0b80-\u0bff])"
    r"|(?<![\u0600-\u06ff])[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+){0,7}\s(?:\(پرائیویٹ\)\s)?لمیٹ(?:ی)?ڈ(?!\s*[\u0620-\u064a\u0671-\u06d3])"
    # Arabic: "company" before the name, the limited-liability form after it
    r"|شركة(?:\s[\u0621-\u064a\u0671-\u06d3]+){1,6}\s?(?:\((?:شركة\s)?ذات\sمسؤولية\sمحدودة\)|ذ\.م\.م\.?)"
    # Vietnamese, Thai, Hebrew: the Vietnamese name's words are capitalised
    rf"|(?i:công\s+ty)\s+(?:TNHH|(?i:cổ\s+phần)|CP)(?:\s+[{VI_UPPER}0-9][\w&.-]*){{1,6}}"
    r"|บริษัท\s?[^\s·|,]{1,40}(?:\s[^\s·|,]{1,40}){0,4}?\s?จ(?:ำ|ํา)กัด(?:\s?\(มหาชน\))?|[\u0590-\u05ff\w][\u0590-\u05ff\w ]{1,40}\s?בע\"מ"
)
# A row label that says its value is the firm's legal name.
NAME_LABEL = re.compile(
    r"^(?i:社名|商号|会社名|회사명|상호|법인명|公司名稱|公司名称|company\s+name|legal\s+name|registered\s+name"
    r"|firma|firmenname|firmierung|raison\s+sociale|dénomination(?:\s+sociale)?|razón\s+social"
    r"|denominación(?:\s+social)?|ragione\s+sociale|denominazione(?:\s+sociale)?|razão\s+social"
    r"|denominação(?:\s+social)?|nazwa(?:\s+(?:firmy|spółki))?|firmanavn|foretaksnavn|företagsnamn"
    r"|firmanamn|yrityksen\s+nimi|toiminimi|ärinimi|unvan(?:ı)?|ticaret\s+unvanı|denumire"
    r"|statutaire\s+naam|handelsnaam|bedrijfsnaam|obchodní\s+(?:firma|jméno)|cégnév)\s*[:：]?\s*"
)

