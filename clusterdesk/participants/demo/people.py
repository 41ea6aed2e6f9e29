"""The people of the demo: first names and surnames, e-mail spellings and job titles."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .spec import EDU, FIN, INT, MED, OTH, PUB, RES, names


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool


IT_MEN = names(
    "Niccolò,Lorenzo,Andrea,Matteo,Francesco,Marco,Alessandro,Giovanni,Tommaso,"
    "Filippo,Leonardo,Simone,Stefano,Riccardo,Paolo,Jacopo,Duccio,Gabriele,Federico,"
    "Luca,Massimo,Roberto,Fabrizio,Daniele,Gianni,Piero,Emanuele,Mattia,Cosimo,Guido,"
    "Nicolò,Sandro,Vasco,Alberto,Enrico"
)
IT_WOMEN = names(
    "Giulia,Chiara,Francesca,Sara,Elena,Martina,Alessia,Benedetta,Caterina,"
    "Beatrice,Ilaria,Lucia,Silvia,Valentina,Federica,Elisa,Laura,Irene,Marta,"
    "Camilla,Costanza,Ginevra,Letizia,Serena,Monica,Cristina,Annalisa,Gemma,Noemi,"
    "Agnese,Lucrezia,Margherita"
)
IT_SURNAMES = names(
    "Bartolini,Cecchi,Nardini,Bettini,Ciampi,Lazzerini,Magni,Giovannelli,Paoletti,Pieraccini,"
    "Mazzoni,Baldi,Bini,Innocenti,Mugnai,Vannucci,Tognetti,Landini,Fantechi,Lenzi,Guarducci,"
    "Parenti,Nesti,Bruni,Giusti,Biagini,Fiaschi,Santini,Martelli,Ceccarelli,Bellandi,Puggelli,"
    "Bardazzi,Calamai,Benelli,Meoni,Ciardi,Ballerini,Frosini,Corsi,Chiti,Gori,Bagni,Tempesti,"
    "Marchi,Sacchetti,Cappellini,Niccolai,Papini,Tofani,Bonacchi,Matteini,Nocentini,Benvenuti,"
    "Lapini,Cioni,Bencini,Fabbri,Del Bino,Dell'Agnello,Dell'Innocenti,Del Lungo,Dal Canto,"
    "D'Angelo,Cantù,Pellicanò,Bigagli,Vestri,Ulivi,Fondelli,Pacini,Borchi,Mannucci,Salvadori,"
    "Becheri,Giachetti,Rinaldi,Franchini,Bacci,Sodi,Lotti,Nucci,Batistoni,Cipriani,Gelli,"
    "Nuti,Orlandini,Scarselli,Taddei,Valori,Zoppi,Mariotti,Bindi,Ermini,Ghelli"
)
TR_MEN = names(
    "Mehmet,Ahmet,Mustafa,Ali,Hüseyin,Hasan,İbrahim,Murat,Emre,Burak,Serkan,Oğuz,"
    "Barış,Çağlar,Gökhan,Tolga,Volkan,Kerem,Uğur,Erdem,Onur,Selçuk,Doğan,Cengiz,"
    "Ümit,İsmail,Şükrü,Yiğit,Görkem,Eren"
)
TR_WOMEN = names(
    "Ayşe,Fatma,Zeynep,Elif,Emine,Merve,Özlem,Gülşen,Şule,Derya,Esra,Büşra,"
    "Seda,Tuğba,Çiğdem,Nurcan,Sevgi,Gizem,Aslı,Pınar,Ebru,Dilek,Songül,İlknur,"
    "Hülya,Burcu,Ece,Ilgın,Müge,Şebnem"
)
TR_SURNAMES = names(
    "Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,Doğan,Kılıç,"
    "Aslan,Çetin,Kara,Koç,Kurt,Özkan,Şimşek,Polat,Özcan,Korkmaz,Çakır,Erdoğan,Güneş,Aksoy,"
    "Turan,Taş,Bulut,Uçar,Tekin,Acar,Güler,Sarı,Keskin,Ünal,Özer,Karakaya,Başaran,Ekinci,"
    "Toprak,Işık,Gök,Erol,Altun,Bozkurt,Tunç,Kaplan,Ateş"
)

_TRANSLITERATE = str.maketrans({"ı": "i", "İ": "i", "'": "", " ": "", "’": ""})


def to_ascii(text: str) -> str:
    """Lower-case ASCII for e-mail: "Niccolò" → "niccolo", "Dell'Agnello" → "dellagnello"."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE).lower())
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


# Job titles by kind of organisation ("company" or a category): a lead title for the first
# contact, then others; "Direttore|Direttrice" gives the masculine and the feminine form.

IT_LEAD_TITLES = {
    "company": names(
        "Titolare,Amministratore delegato|Amministratrice delegata,"
        "Direttore generale|Direttrice generale,Presidente"
    ),
    RES: names("Direttore|Direttrice"),
    EDU: names("Direttore|Direttrice,Rettore|Rettrice"),
    PUB: names("Dirigente,Direttore|Direttrice"),
    INT: names("Presidente,Segretario generale|Segretaria generale"),
    FIN: names("Direttore generale|Direttrice generale"),
    MED: names("Titolare,Socio|Socia"),
    OTH: names("Titolare,Presidente,Socio|Socia"),
}
IT_TITLES = {
    "company": names(
        "Responsabile commerciale,Export manager,Responsabile produzione,"
        "Responsabile qualità,Responsabile sostenibilità,Ufficio acquisti,"
        "Responsabile amministrativo|Responsabile amministrativa,"
        "Responsabile R&S,Product manager,Responsabile marketing"
    ),
    RES: names(
        "Ricercatore senior|Ricercatrice senior,Responsabile trasferimento tecnologico,"
        "Responsabile di laboratorio"
    ),
    EDU: names(
        "Delegato ai rapporti con le imprese|Delegata ai rapporti con le imprese,"
        "Professore ordinario|Professoressa ordinaria,Ufficio placement"
    ),
    PUB: names(
        "Funzionario sviluppo economico|Funzionaria sviluppo economico,"
        "Responsabile progetti europei"
    ),
    INT: names(
        "Responsabile servizi alle imprese,Project manager,Responsabile internazionalizzazione"
    ),
    FIN: names(
        "Responsabile imprese corporate,Direttore di filiale|Direttrice di filiale,Analista crediti"
    ),
    MED: names("Art director,Account manager,Caporedattore|Caporedattrice"),
    OTH: names("Consulente,Responsabile amministrativo|Responsabile amministrativa"),
}

TR_LEAD_TITLES = {
    "company": names("Genel Müdür,Şirket Sahibi,Yönetim Kurulu Başkanı"),
    RES: names("Merkez Müdürü"),
    EDU: names("Rektör Yardımcısı,Müdür,Dekan"),
    PUB: names("Genel Sekreter,Birim Başkanı"),
    INT: names("Başkan,Genel Sekreter"),
    FIN: names("Kurumsal Bankacılık Müdürü,Şube Müdürü"),
    MED: names("Genel Yayın Yönetmeni"),
    OTH: names("Kurucu Ortak,Genel Müdür"),
}
TR_TITLES = {
    "company": names(
        "Satış Müdürü,Dış Ticaret Uzmanı,Üretim Müdürü,Kalite Müdürü,"
        "Ar-Ge Mühendisi,Satın Alma Sorumlusu,Fabrika Müdürü,Muhasebe Müdürü"
    ),
    RES: names("Araştırmacı,Laboratuvar Sorumlusu"),
    EDU: names("Sanayi İşbirliği Koordinatörü,Öğretim Üyesi"),
    PUB: names("Uzman,Proje Koordinatörü"),
    INT: names("Proje Uzmanı,Üye İlişkileri Sorumlusu"),
    FIN: names("Kredi Analisti,Müşteri Temsilcisi"),
    MED: names("Reklam Müdürü,Editör"),
    OTH: names("Avukat,Danışman,Eğitim Koordinatörü"),
}
