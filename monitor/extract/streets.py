"""Address words of many languages that the postal reader adds to its own: units, post boxes,
contact words, part separators of other scripts, and a postcode written after its label.

Units: a floor or office after the house number ("baixos", "офіс 12", "daire 4", "ap. 3").
Post boxes: Swahili "S.L.P.", Turkish "P.K.", Arabic "ص.ب", Hebrew "ת.ד.", Czech, Croatian,
Polish and Spanish box words. Contact words: the headings under which a company writes its own
address in languages the older list lacks. A postcode after its label ("邮编:200232", "(우)
06236", "کد پستی: ۷۱۳۴۸۵۵۵۱۲", "PIN: 560001") closes an address written without it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor import normalize as nz

UNIT_WORDS = (
    r"baixos|bajos|bajo|entresol|entlo|pis|planta|ofic|офіс|офис|оф|кв|кабинет|iroda|daire|ap|apt|sc|bl"
    r"|byt|kancelář|stan|ured|pisarna|tầng|lantai|dairesi|blok|blk|gedung"
    r"|բն|բնակարան|ბინა|пәтер"  # Armenian, Georgian, Kazakh flats
)
# such a word with its number or letter: "офіс 12", "ap. 10", "sc. A" (not "SC Alfa", a firm)
UNIT_NUMBERED = (
    rf"(?:{UNIT_WORDS})\.?\s?(?:nr\.?\s?)?#?\s?(?:\d{{1,5}}[\w/-]{{0,4}}|[A-Za-z](?!\w))"
)
POBOX = (
    r"s\.?\s?l\.?\s?p\.?|p\.?\s?k\.?|ص\.?\s?ب\.?|ת\.?\s?ד\.?|poštovní\s+přihrádka|poštanski\s+pretinac"
    r"|skrytka\s+pocztowa|casilla(?:\s+de\s+correo)?|ταχ\.?\s?θυρίδα|а/я|п/с"
    # Hindi and Nepali (पो.ब.नं.), Amharic (ፖ.ሣ.ቁ.), Bengali (পোস্ট বক্স)
    r"|पो\.?\s?ब(?:क्स)?\.?\s?(?:नं\.?)?|ፖ\.?\s?ሣ\.?\s?ቁ\.?|পোস্ট\s?বক্স"
)
# Searched in the lower-cased line: contact headings and address labels of more languages.
CONTEXT = re.compile(
    r"hubungi|letişim|alamat|mawasiliano|anwani|sanduku|contactaț|contacteaz|sediu|sjedište|sjediste|sedež|naslov"
    r"|adresa|kontaktai|kontaktua|helbide|cím|yhteys|iletisim|adres\b|merkez|ঠিকানা|যোগাযোগ|முகவரி"
    r"|தொடர்பு|ठेगाना|सम्पर्क|ទំនាក់ទំនង|អាសយដ្ឋាន|አድራሻ|ያግኙን|ikheli|xhumana|thintana|kontakti|adresë"
    r"|კონტაქტ|მისამართ|კავშირ|կապ|հասցե|байланыс|мекенжай|холбоо барих|хаяг|контакти|адреса"
    r"|επικοινων|διευθυνσ|ติดต่อ|liên lạc|kapcsolat|kontaktujte|ตั้งอยู่|mahali|مکان|تماس|نشانی|آدرس"
    r"|رابطہ|پتہ|رابطه|للتواصل|العنوان|צרו קשר|כתובתנו"
)
QUOTES = '"„“«»'  # a street name in quotation marks: ул. "Граф Игнатиев" 15
UNIT_ALONE = (
    r"(?:baixos|bajos|bajo|entlo\.?|entreplanta|entresuelo|entresol|altillo|ático|sótano)"
    r"(?:\s(?:izda|izq|izquierda|dcha|der|derecha|centro|ctro)\.?)?"  # Spanish: the door's side
    r"|parter|prizemlje|parterre|rdc|pritličje"
    r"|[IVX]{1,4}\.?\s?/\s?\d{1,3}\.?"  # Hungarian floor and door: "II/4."
)
# A unit after its label and a colon, as Turkish writes it: "Kat:3", "Daire: 4", "Blok:B".
UNIT_LABELLED = r"(?:kat|daire|blok|bina|iç kapı)\s?:\s?[\w/-]{1,6}"
# Letters of more scripts without Latin capitals, read as town and street names: the rest of
# the Arabic block (Persian and Urdu letters), Armenian, Georgian, Bengali, Tamil, Khmer, Ethiopic.
MORE_UNCASED = (
    "\u0671-\u06d3\u0531-\u0556\u0561-\u0587\u10d0-\u10ff\u0985-\u09b9\u0b85-\u0bb9"
    "\u1780-\u17b3\u1200-\u135a"
)
MORE_MARKS = "\u0981-\u0983\u09bc-\u09d7\u0bbe-\u0bcd\u0bd7\u17b4-\u17d3"  # their vowel signs
# A ward or district of the countries that name them in the address (Vietnamese phường, quận,
# huyện, xã; Indonesian kelurahan, kecamatan, RT/RW; Bucharest's sector): a part between the
# street and the town, even with a number ("Quận 1", "Sector 3"); "P.O. Box" is no phường.
ADMIN_PART = re.compile(
    r"(?:Phường|Quận|Huyện|Xã|P\.(?!\s?O\.?\s?Box)|Q\.|Kelurahan|Kel\.|Kecamatan|Kec\.|RT|RW|RT/RW)\s?[\w./ ]{1,30}"
    r"|Sector(?:ul)?\s[1-6]"  # Bucharest's six sectors
)
# A street word of any language in a part without a house number ("مال روڈ", "Bahariye Cad."):
# the number before it in a part of its own is then its house number ("45-بی، مال روڈ").
STREET_WORD = re.compile(
    r"(?i:\b(?:road|street|rd|st|avenue|ave|lane|marg|jalan|jl|sokak|sok|cad|caddesi|bulvar|utca|út|ulica"
    r"|cesta|strada|str|odos|rruga|calle|rua|via|đường|phố|thanon|soi)\b\.?)"
    r"|روڈ|سڑک|شارع|خیابان|کوچه|بازار|רחוב|שדרות|ถนน|ซอย|οδός|λεωφόρος|улица|вулиця|көшесі|гудамж"
    r"|মার্গ|সড়ক|রোড|এভিনিউ|সরণি|লেন|রাস্তা|एवेन्यू|सड़क|गली|சாலை|தெரு|रोड|मार्ग|ផ្លូវ|መንገድ|ქუჩა|გამზირი|փողոց|պողոտա"
    # abbreviated (Georgian "ქ.", Armenian "պող."), and the numbered plot, house or sector of
    # Bengali and Hindi addresses ("প্লট ২৪, সেক্টর ৭", "प्लॉट नं. 17")
    r"|(?<!\w)ქ\.|(?<!\w)պող\.|প্লট|বাড়ি|সেক্টর|प्लॉट|मकान|सेक्टर"
)
HOUSE = re.compile(r"\d{1,5}(?:\s?[-/]?\s?[^\W\d_]{1,3})?")
# A phone or e-mail label of more scripts on a line next to the address: a contact block.
CONTACT_LINE = re.compile(r"(?i:simu|telefon|sími|puhelin|telepono|ucingo)")
CONTACT_LINE_SCRIPTS = re.compile(  # searched only in lines with letters beyond ASCII
    r"телефон|тел\.|имейл|τηλ|هاتف|تلفن|فون|טלפון|โทร|फ़ोन|फोन|ফোন|தொலைபேசி|ტელ|հեռ|утас|ទូរស័ព្ទ|ስልክ"
    r"|điện thoại|Телефон|Тел\.|Τηλ",
)


def contact_line(line: str) -> bool:
    """Whether a line holds a phone or e-mail label of these languages."""
    if CONTACT_LINE.search(line):
        return True
    return not line.isascii() and bool(CONTACT_LINE_SCRIPTS.search(line))


# A house number after its word, then a five-digit postcode and its town in the same comma part, as Turkish
# writes it without commas ("Begonya Sok. No: 7/2 34746 Ataşehir / İstanbul"): the part is cut
# there when the town (and its province) close it.
CODE_IN_PART = re.compile(
    r"(?i)(\b(?:no|nr|numara)[:.]?\s?\d{1,4}(?:/\d{1,4})?[a-z]?)\s+"
    r"(?=\d{5}\s+[^\W\d_][\w.-]*(?:\s*/\s*[^\W\d_][\w.-]*)?\s*$)"  # the town, its province, the end
)
CODE_GATE = re.compile(r"\d\s+\d{5}\s")  # a cheap test first
# Separators of comma parts in other scripts: the Arabic, the full-width and the Ethiopic comma.
PART_COMMAS = re.compile(r"\s*[،，፣]\s*")
_LABELLED_CODE = re.compile(
    r"(?:邮编|郵編|邮政编码|郵遞區號|郵便番号|우편번호|\(우\)|کد\s?پستی|الرمز البريدي|מיקוד|pin(?:\s?code)?|post\s?code"
    r"|postal\s+code|zip(?:\s?code)?|t\.?\s?k\.?|ταχ\.?\s?κώδ\.?|psč|irányítószám|kode\s?pos|mã bưu chính)"
    r"\s?[:：.]?\s?(?P<code>[0-9٠-٩۰-۹][0-9٠-٩۰-۹ -]{2,10}[0-9٠-٩۰-۹])",
    re.I,
)


def ascii_digits(text: str) -> str:
    """Digits of other scripts as ASCII digits ("۷۱۳۴۸" → "71348")."""
    return nz.ascii_digits(text)


def labelled_code(lines: Sequence[str], last: int, value: str) -> str | None:
    """The postcode written after its label on the address's last line or the next one, when
    the address does not hold it yet ("上海市徐汇区云锦路701号" / "邮编:200232")."""
    for line in lines[last : last + 2]:
        m = _LABELLED_CODE.search(line)
        if m:
            code = ascii_digits(m.group("code")).strip()
            return None if code.replace(" ", "") in value.replace(" ", "") else code
    return None


# A distance or a time to walk after its number ("500 m vom Bahnhof", "2 km from the beach",
# "5 Gehminuten", "10 min. à pied"): a note on the way, no house number, unit or place. A number
# after it is a road's kilometre ("SS 16 km 312"), which is an address.
MEASURE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s?(?:m|(?i:km|mi|miles?|ft|yds?|meters?|metres?|mètres|metros?|metri"
    r"|min|mins|minutes?|minuten|minuti|minutos|gehminuten|fußminuten))(?![\w])\.?(?!\s?\d)"
)
# Words that make a part with several numbers (or a rank) a street, a box or a building: street
# words and their endings of many languages, and building, block, plot and unit words.
STREET_SIGN = re.compile(
    r"(?i:stra(?:ß|ss)e|str\.|weg\b|gasse|platz|allee|ring\b|damm|ufer|chaussee|markt|steig|pfad|straat"
    r"|laan\b|plein|gracht|kade\b|singel|dijk|gata|gatan|gade\b|vej\b|veien|vegen|vägen|väg\b|katu|tie\b"
    r"|utca|út\b|ulica|ulice|cesta|\b(?:ul|al|pl|os|bd|av|avda|c|cl|r|sok|cad|mah|blv|blvd|ave|rd|st|ctra)\.|c/"
    r"|\b(?:rue|avenue|boulevard|place|quai|allée|chemin|impasse|cours|route|square|passage|voie|calle"
    r"|avenida|paseo|plaza|carrer|via|viale|piazza|corso|largo|strada|rua|travessa|praça|street|road"
    r"|lane|drive|way|court|parkway|highway|terrace|crescent|marg|jalan|jl|sokak|caddesi|bulvar|odos"
    r"|box|postfach|postboks|apartado|building|bldg|tower|torre|edificio|gebäude|haus|house|plot|shop"
    r"|flat|block|blok|unit|suite|floor|level|lok|lokal|km)\b)"
    r"|улица|ул\.|вул|просп|пр\.|д\.|дом|οδός|λεωφ"
    r"|[^\W\d_\x00-\u024f\u0370-\u052f\u1e00-\u1eff]"  # scripts beyond Latin, Greek, Cyrillic: their own rules
)
_NUMBER_RUN = re.compile(r"\d+(?:\s?[-/.]\s?\d+)*")
_RANK = re.compile(r"(?i:(?<!\w)(?:nr|no|n|nº|n°|núm|num|numéro|nummer|number)(?!\w)\.?)")


# A product's, an order's or a model's word right before its number ("Artikel 4711", "SKU 1234",
# "Réf. 12"): a code, no street and its house number.
PRODUCT_CODE = re.compile(
    r"(?i:artikel|art\.?-?nr|article|artículo|articolo|item|sku|ean|produkt|product|producto|prodotto"
    r"|modell?|modelo|bestell(?:nummer|nr)?|order|auftrag|ref|réf|référence|referencia|riferimento"
    r"|codice|código|code|version|serie|series|typ|type)\.?:?\s?#?\d"
)


def prose_numbers(part: str) -> bool:
    """Whether a street-looking part is prose: numbers beside its house number (a year, a count:
    "Im Jahr 2019 Nr. 5") or a rank after words ("Wir sind Nr. 5"), and no street, box or
    building word to say it is an address; or a product's code ("Artikel 4711")."""
    runs = len(_NUMBER_RUN.findall(part))
    rank = _RANK.search(part)
    ranked = rank is not None and len(part[: rank.start()].split()) >= 2
    if PRODUCT_CODE.match(part):
        return True
    return (runs >= 2 or ranked) and not STREET_SIGN.search(part)


# Plural nouns that follow a count in prose ("12000 Kunden", "40000 Users"): no town's name,
# so a number before them is no postcode.
COUNT_WORDS = nz.wordset(
    """kunden kundinnen mitarbeiter mitarbeitende besucher gäste nutzer mitglieder projekte jahre
    stück kalorien euro franken customers clients users employees visitors guests members projects
    years calories downloads followers partners patients students orders clientes usuarios
    empleados visitantes huéspedes socios años clienti utenti dipendenti visitatori ospiti anni
    klanten gebruikers medewerkers bezoekers gasten leden jaren kunder ansatte brugere besøkende
    gjester medlemmer klientów klienci użytkowników pracowników lat müşteri kullanıcı çalışan
    viðskiptavinir starfsmenn gestir notendur ár asiakasta asiakkaat käyttäjää työntekijää"""
)


def counted(town: str) -> bool:
    """Whether the word after a number is a counted noun ("12000 Kunden"), not a town."""
    first = town.split(maxsplit=1)[0].strip(".,;:").casefold() if town.strip() else ""
    return first in COUNT_WORDS
