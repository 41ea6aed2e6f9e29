"""Synthetic matchmaking profiles for the partner recommendations' benchmark (issue 7).

Deterministic (``generate(count, seed)``): profiles in four clusters (Italian, Spanish, Turkish
and English; a quarter of each cluster's members write in English) with the nine registry
categories, NACE codes, value-chain positions, competences, technologies, markets, languages, a
description and 0–3 offers and requests each (a tenth of them expired), from small word lists
per sector written in the four languages. ``CONCEPTS`` keeps which sector each word came from,
so a run can tell whether a recommended partner is on topic.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clusterdesk.matchmaking.engine import Listing, Profile  # noqa: E402

LANGUAGES = ("it", "es", "tr", "en")

# --------------------------------------------------------------------------- word lists

# Per sector: its NACE divisions and concepts, one a line: English | Italian | Spanish | Turkish.
COLUMNS = ("en", "it", "es", "tr")
SECTORS: dict[str, tuple[tuple[str, ...], str]] = {
    "metal": (
        ("25", "28"),
        """
        laser welding | saldatura laser | soldadura láser | lazer kaynağı
        sheet metal cutting | taglio lamiera | corte de chapa | sac kesme
        CNC machining | lavorazione CNC | mecanizado CNC | CNC işleme
        aluminium die casting | pressofusione di alluminio | fundición inyectada de aluminio | alüminyum basınçlı döküm
        stainless steel | acciaio inossidabile | acero inoxidable | paslanmaz çelik
        surface treatment | trattamento superficiale | tratamiento superficial | yüzey işlem
        industrial robots | robot industriali | robots industriales | endüstriyel robotlar
        hydraulic components | componenti idraulici | componentes hidráulicos | hidrolik bileşenler
        precision mechanics | meccanica di precisione | mecánica de precisión | hassas mekanik
        metal additive manufacturing | manifattura additiva dei metalli | fabricación aditiva de metales | metal eklemeli imalat
        packaging machinery | macchine per imballaggio | maquinaria de envasado | ambalaj makineleri
        industrial automation | automazione industriale | automatización industrial | endüstriyel otomasyon
        heat treatment | trattamento termico | tratamiento térmico | ısıl işlem
        gears and transmissions | ingranaggi e trasmissioni | engranajes y transmisiones | dişliler ve şanzımanlar
        construction machinery | macchine movimento terra | maquinaria de construcción | iş makineleri
        """,  # noqa: E501
    ),
    "automotive": (
        ("29", "22"),
        """
        electric vehicles | veicoli elettrici | vehículos eléctricos | elektrikli araçlar
        battery housing | involucro batteria | carcasa de batería | batarya muhafazası
        chassis parts | parti del telaio | piezas de chasis | şasi parçaları
        brake systems | sistemi frenanti | sistemas de frenos | fren sistemleri
        lightweight composites | compositi leggeri | compuestos ligeros | hafif kompozitler
        plastic injection moulding | stampaggio a iniezione plastica | moldeo por inyección de plástico | plastik enjeksiyon kalıplama
        wiring harnesses | cablaggi elettrici | mazos de cables | kablo demetleri
        automotive electronics | elettronica per autoveicoli | electrónica del automóvil | otomotiv elektroniği
        vehicle testing | collaudo veicoli | ensayos de vehículos | araç testleri
        charging stations | stazioni di ricarica | estaciones de carga | şarj istasyonları
        rubber seals | guarnizioni in gomma | juntas de goma | kauçuk contalar
        engine components | componenti motore | componentes del motor | motor bileşenleri
        """,  # noqa: E501
    ),
    "textile": (
        ("13", "14", "15"),
        """
        technical textiles | tessuti tecnici | textiles técnicos | teknik tekstiller
        cotton yarn | filato di cotone | hilo de algodón | pamuk ipliği
        fabric dyeing | tintura dei tessuti | tintura de tejidos | kumaş boyama
        recycled polyester | poliestere riciclato | poliéster reciclado | geri dönüştürülmüş polyester
        knitwear | maglieria | prendas de punto | triko
        garment manufacturing | confezione di capi | confección de prendas | hazır giyim üretimi
        denim finishing | finissaggio denim | acabado de denim | denim yıkama
        sustainable fibres | fibre sostenibili | fibras sostenibles | sürdürülebilir lifler
        fashion design | design di moda | diseño de moda | moda tasarımı
        nonwoven materials | tessuto non tessuto | materiales no tejidos | dokusuz yüzey
        leather goods | pelletteria | marroquinería | deri ürünleri
        embroidery | ricamo | bordado | nakış
        """,  # noqa: E501
    ),
    "food": (
        ("10", "11", "01"),
        """
        extra virgin olive oil | olio extravergine di oliva | aceite de oliva virgen extra | sızma zeytinyağı
        organic farming | agricoltura biologica | agricultura ecológica | organik tarım
        dairy products | prodotti lattiero caseari | productos lácteos | süt ürünleri
        cheese ageing | stagionatura del formaggio | maduración del queso | peynir olgunlaştırma
        food packaging | imballaggio alimentare | envases alimentarios | gıda ambalajı
        cold chain logistics | logistica del freddo | logística de cadena de frío | soğuk zincir lojistiği
        food traceability | tracciabilità alimentare | trazabilidad alimentaria | gıda izlenebilirliği
        wine production | produzione di vino | producción de vino | şarap üretimi
        pasta and bakery | pasta e prodotti da forno | pasta y panadería | makarna ve unlu mamuller
        dried fruit and hazelnuts | frutta secca e nocciole | frutos secos y avellanas | kuru meyve ve fındık
        food safety testing | analisi di sicurezza alimentare | análisis de seguridad alimentaria | gıda güvenliği testleri
        fruit juice processing | trasformazione di succhi di frutta | procesado de zumos de frutas | meyve suyu işleme
        """,  # noqa: E501
    ),
    "ict": (
        ("62", "63", "26"),
        """
        cloud software | software in cloud | software en la nube | bulut yazılımı
        cybersecurity | sicurezza informatica | ciberseguridad | siber güvenlik
        data analytics | analisi dei dati | analítica de datos | veri analitiği
        artificial intelligence | intelligenza artificiale | inteligencia artificial | yapay zeka
        internet of things sensors | sensori per internet delle cose | sensores de internet de las cosas | nesnelerin interneti sensörleri
        ERP systems | sistemi ERP | sistemas ERP | ERP sistemleri
        mobile applications | applicazioni mobili | aplicaciones móviles | mobil uygulamalar
        e-commerce platforms | piattaforme di commercio elettronico | plataformas de comercio electrónico | e-ticaret platformları
        computer vision | visione artificiale | visión artificial | bilgisayarlı görü
        digital twin | gemello digitale | gemelo digital | dijital ikiz
        blockchain traceability | tracciabilità blockchain | trazabilidad blockchain | blokzincir izlenebilirliği
        machine learning | apprendimento automatico | aprendizaje automático | makine öğrenmesi
        """,  # noqa: E501
    ),
    "construction": (
        ("41", "43", "23"),
        """
        prefabricated buildings | edifici prefabbricati | edificios prefabricados | prefabrik binalar
        thermal insulation | isolamento termico | aislamiento térmico | ısı yalıtımı
        ready mixed concrete | calcestruzzo preconfezionato | hormigón preparado | hazır beton
        building information modelling | modellazione BIM degli edifici | modelado BIM de edificios | bina bilgi modellemesi
        energy efficient renovation | riqualificazione energetica | rehabilitación energética | enerji verimli renovasyon
        ceramic tiles | piastrelle in ceramica | baldosas cerámicas | seramik karo
        steel structures | strutture in acciaio | estructuras de acero | çelik yapılar
        windows and facades | serramenti e facciate | ventanas y fachadas | pencere ve cephe sistemleri
        road construction | costruzione stradale | construcción de carreteras | yol yapımı
        natural stone | pietra naturale | piedra natural | doğal taş
        waterproofing membranes | membrane impermeabilizzanti | membranas impermeabilizantes | su yalıtım membranları
        earthquake resistant design | progettazione antisismica | diseño sismorresistente | depreme dayanıklı tasarım
        """,  # noqa: E501
    ),
    "energy": (
        ("35", "27"),
        """
        photovoltaic panels | pannelli fotovoltaici | paneles fotovoltaicos | fotovoltaik paneller
        wind turbines | turbine eoliche | aerogeneradores eólicos | rüzgar türbinleri
        energy storage | accumulo di energia | almacenamiento de energía | enerji depolama
        green hydrogen | idrogeno verde | hidrógeno verde | yeşil hidrojen
        smart grid | rete elettrica intelligente | red eléctrica inteligente | akıllı şebeke
        heat pumps | pompe di calore | bombas de calor | ısı pompaları
        biomass boilers | caldaie a biomassa | calderas de biomasa | biyokütle kazanları
        electric transformers | trasformatori elettrici | transformadores eléctricos | elektrik transformatörleri
        energy audits | diagnosi energetiche | auditorías energéticas | enerji denetimleri
        solar thermal collectors | collettori solari termici | colectores solares térmicos | güneş enerjisi kolektörleri
        power electronics | elettronica di potenza | electrónica de potencia | güç elektroniği
        lithium batteries | batterie al litio | baterías de litio | lityum piller
        """,  # noqa: E501
    ),
    "health": (
        ("21", "32", "86"),
        """
        medical devices | dispositivi medici | dispositivos médicos | tıbbi cihazlar
        in vitro diagnostics | diagnostica in vitro | diagnóstico in vitro | in vitro tanı
        biomaterials | biomateriali | biomateriales | biyomalzemeler
        clinical trials | sperimentazioni cliniche | ensayos clínicos | klinik araştırmalar
        orthopaedic implants | impianti ortopedici | implantes ortopédicos | ortopedik implantlar
        telemedicine | telemedicina | telemedicina | uzaktan tıp
        pharmaceutical packaging | confezionamento farmaceutico | envasado farmacéutico | ilaç ambalajı
        rehabilitation robotics | robotica riabilitativa | robótica de rehabilitación | rehabilitasyon robotiği
        generic medicines | farmaci generici | medicamentos genéricos | jenerik ilaçlar
        dental materials | materiali dentali | materiales dentales | diş malzemeleri
        sterilisation | sterilizzazione | esterilización | sterilizasyon
        medical imaging | diagnostica per immagini | imagen médica | tıbbi görüntüleme
        """,  # noqa: E501
    ),
}
GENERAL = """
quality management | gestione della qualità | gestión de la calidad | kalite yönetimi
ISO 9001 certification | certificazione ISO 9001 | certificación ISO 9001 | ISO 9001 belgesi
export markets | mercati esteri | mercados de exportación | ihracat pazarları
digitalisation | digitalizzazione | digitalización | dijitalleşme
sustainability | sostenibilità | sostenibilidad | sürdürülebilirlik
circular economy | economia circolare | economía circular | döngüsel ekonomi
staff training | formazione del personale | formación del personal | personel eğitimi
product design | progettazione del prodotto | diseño de producto | ürün tasarımı
"""

DESCRIPTIONS = {
    "en": {
        "company": "{name} is a {size} manufacturer in {city}. We specialise in {c0} and {c1}, "
        "with long experience in {c2}. Strengths: {g0} and {c3}.",
        "research": "{name} is a research centre in {city} working on {c0}, {c1} and {c2}. "
        "Our laboratories study {c3} and {g0}.",
        "education": "{name} trains engineers and technicians in {c0} and {c1}; courses on {c2} "
        "and {g0}.",
        "finance": "{name} finances innovative firms in {c0} and {c1}: venture capital, loans "
        "and guarantees for {g0}.",
        "support": "{name} supports the firms of the {city} area in {c0}, {c1} and {g0}.",
    },
    "it": {
        "company": "{name} è un'azienda {size} di {city}. Siamo specializzati in {c0} e {c1}, "
        "con lunga esperienza in {c2}. Punti di forza: {g0} e {c3}.",
        "research": "{name} è un centro di ricerca di {city} che lavora su {c0}, {c1} e {c2}. "
        "I nostri laboratori studiano {c3} e {g0}.",
        "education": "{name} forma ingegneri e tecnici in {c0} e {c1}; corsi di {c2} e {g0}.",
        "finance": "{name} finanzia imprese innovative in {c0} e {c1}: capitale di rischio, "
        "prestiti e garanzie per {g0}.",
        "support": "{name} sostiene le imprese del territorio di {city} in {c0}, {c1} e {g0}.",
    },
    "es": {
        "company": "{name} es una empresa {size} de {city}. Estamos especializados en {c0} y "
        "{c1}, con larga experiencia en {c2}. Puntos fuertes: {g0} y {c3}.",
        "research": "{name} es un centro de investigación de {city} que trabaja en {c0}, {c1} y "
        "{c2}. Nuestros laboratorios estudian {c3} y {g0}.",
        "education": "{name} forma ingenieros y técnicos en {c0} y {c1}; cursos de {c2} y {g0}.",
        "finance": "{name} financia empresas innovadoras en {c0} y {c1}: capital riesgo, "
        "préstamos y garantías para {g0}.",
        "support": "{name} apoya a las empresas de la zona de {city} en {c0}, {c1} y {g0}.",
    },
    "tr": {
        "company": "{name}, {city} merkezli {size} bir işletmedir. {c0} ve {c1} konusunda "
        "uzmanız, {c2} alanında uzun deneyime sahibiz. Güçlü yönlerimiz: {g0} ve {c3}.",
        "research": "{name}, {city} bölgesinde {c0}, {c1} ve {c2} üzerine çalışan bir araştırma "
        "merkezidir. Laboratuvarlarımız {c3} ve {g0} konularını inceler.",
        "education": "{name}, {c0} ve {c1} alanlarında mühendis ve teknisyen yetiştirir; {c2} ve "
        "{g0} kursları.",
        "finance": "{name}, {c0} ve {c1} alanındaki yenilikçi şirketleri finanse eder: girişim "
        "sermayesi, krediler ve {g0} için garantiler.",
        "support": "{name}, {city} bölgesindeki işletmeleri {c0}, {c1} ve {g0} konularında "
        "destekler.",
    },
}
SIZES = {
    "en": ("small", "medium-sized", "large"),
    "it": ("piccola", "media", "grande"),
    "es": ("pequeña", "mediana", "grande"),
    "tr": ("küçük", "orta ölçekli", "büyük"),
}
LISTINGS = {
    "en": {
        "business_offer": (
            "Supplier of {c0}",
            "We supply {c0} and {c1} to manufacturers and distributors in Europe.",
        ),
        "business_request": (
            "Looking for suppliers of {c0}",
            "We are looking for reliable suppliers of {c0} and {c1} for our production.",
        ),
        "technology_offer": (
            "Technology for {c0}",
            "We offer a proven technology for {c0} and "
            "{c1}, open to licensing or joint development.",
        ),
        "technology_request": (
            "Technology needed for {c0}",
            "We need a technology for {c0} to improve our {c1}.",
        ),
        "rd_partner_request": (
            "R&D partners for {c0}",
            "We seek research partners for a joint project on {c0} and {c1}.",
        ),
        "finance_offer": (
            "Funding for {c0}",
            "Equity and loans for companies working on {c0} and {c1}.",
        ),
        "finance_request": (
            "Investment for {c0}",
            "We seek investors to grow our {c0} business and {c1}.",
        ),
    },
    "it": {
        "business_offer": (
            "Fornitore di {c0}",
            "Forniamo {c0} e {c1} a produttori e distributori in Europa.",
        ),
        "business_request": (
            "Cerchiamo fornitori di {c0}",
            "Cerchiamo fornitori affidabili di {c0} e {c1} per la nostra produzione.",
        ),
        "technology_offer": (
            "Tecnologia per {c0}",
            "Offriamo una tecnologia collaudata per {c0} "
            "e {c1}, disponibile in licenza o per sviluppo congiunto.",
        ),
        "technology_request": (
            "Cercasi tecnologia per {c0}",
            "Abbiamo bisogno di una tecnologia per {c0} per migliorare {c1}.",
        ),
        "rd_partner_request": (
            "Partner di ricerca per {c0}",
            "Cerchiamo partner di ricerca per un progetto comune su {c0} e {c1}.",
        ),
        "finance_offer": (
            "Finanziamenti per {c0}",
            "Capitale e prestiti per imprese attive in {c0} e {c1}.",
        ),
        "finance_request": (
            "Investimento per {c0}",
            "Cerchiamo investitori per far crescere la nostra attività di {c0} e {c1}.",
        ),
    },
    "es": {
        "business_offer": (
            "Proveedor de {c0}",
            "Suministramos {c0} y {c1} a fabricantes y distribuidores de Europa.",
        ),
        "business_request": (
            "Buscamos proveedores de {c0}",
            "Buscamos proveedores fiables de {c0} y {c1} para nuestra producción.",
        ),
        "technology_offer": (
            "Tecnología para {c0}",
            "Ofrecemos una tecnología probada para {c0} "
            "y {c1}, abierta a licencia o desarrollo conjunto.",
        ),
        "technology_request": (
            "Se busca tecnología para {c0}",
            "Necesitamos una tecnología para {c0} para mejorar {c1}.",
        ),
        "rd_partner_request": (
            "Socios de I+D para {c0}",
            "Buscamos socios de investigación para un proyecto conjunto sobre {c0} y {c1}.",
        ),
        "finance_offer": (
            "Financiación para {c0}",
            "Capital y préstamos para empresas de {c0} y {c1}.",
        ),
        "finance_request": (
            "Inversión para {c0}",
            "Buscamos inversores para hacer crecer nuestro negocio de {c0} y {c1}.",
        ),
    },
    "tr": {
        "business_offer": (
            "{c0} tedarikçisi",
            "Avrupa'daki üretici ve distribütörlere {c0} ve {c1} tedarik ediyoruz.",
        ),
        "business_request": (
            "{c0} tedarikçisi arıyoruz",
            "Üretimimiz için güvenilir {c0} ve {c1} tedarikçileri arıyoruz.",
        ),
        "technology_offer": (
            "{c0} teknolojisi",
            "{c0} ve {c1} için kanıtlanmış bir teknoloji "
            "sunuyoruz; lisans veya ortak geliştirme mümkündür.",
        ),
        "technology_request": (
            "{c0} için teknoloji aranıyor",
            "{c1} süreçlerimizi iyileştirmek için {c0} teknolojisine ihtiyacımız var.",
        ),
        "rd_partner_request": (
            "{c0} için Ar-Ge ortakları",
            "{c0} ve {c1} üzerine ortak bir proje için araştırma ortakları arıyoruz.",
        ),
        "finance_offer": (
            "{c0} için finansman",
            "{c0} ve {c1} alanında çalışan şirketlere sermaye ve kredi.",
        ),
        "finance_request": (
            "{c0} için yatırım",
            "{c0} ve {c1} işimizi büyütmek için yatırımcı arıyoruz.",
        ),
    },
}
CITIES = {
    "it": ("Torino", "Milano", "Bologna", "Brescia", "Bari", "Padova", "Firenze", "Napoli"),
    "es": ("Valencia", "Bilbao", "Sevilla", "Zaragoza", "Barcelona", "Vigo", "Murcia"),
    "tr": ("İstanbul", "Bursa", "İzmir", "Ankara", "Kocaeli", "Konya", "Gaziantep"),
    "en": ("Manchester", "Leeds", "Bristol", "Cork", "Glasgow", "Valletta", "Sheffield"),
}
NAMES = {
    "it": (
        ("Officine", "Tecno", "Meccanica", "Nova", "Idro", "Euro", "Alfa", "Sistemi"),
        ("Rossi", "Bianchi", "Ferrari", "Esposito", "Colombo", "Ricci", "Marino", "Greco"),
        ("Srl", "SpA", "Snc"),
    ),
    "es": (
        ("Industrias", "Talleres", "Grupo", "Tecno", "Nova", "Hispano", "Sistemas"),
        ("García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Ruiz", "Navarro"),
        ("S.L.", "S.A.", "Coop."),
    ),
    "tr": (
        ("Yıldız", "Anadolu", "Ege", "Marmara", "Öz", "Doğan", "Kuzey", "Işık"),
        ("Makina", "Tekstil", "Gıda", "Enerji", "Yazılım", "Metal", "Yapı", "Sağlık"),
        ("A.Ş.", "Ltd. Şti.", "San. Tic."),
    ),
    "en": (
        ("Northern", "Atlantic", "Pioneer", "Summit", "Harbour", "Castle", "Bridge"),
        ("Engineering", "Systems", "Works", "Technologies", "Labs", "Industries", "Partners"),
        ("Ltd", "plc", "LLP"),
    ),
}
CATEGORY_SHARES = (
    ("industry_sme", 0.58),
    ("industry_large", 0.10),
    ("research", 0.08),
    ("education", 0.05),
    ("intermediary", 0.06),
    ("public_body", 0.03),
    ("finance", 0.04),
    ("marketing_media", 0.04),
    ("other", 0.02),
)
COMPANY_POSITIONS = (
    "raw_materials",
    "components",
    "manufacturing",
    "equipment",
    "services",
    "distribution",
)
OWN_DIVISIONS = {
    "research": "72",
    "education": "85",
    "intermediary": "70",
    "public_body": "84",
    "finance": "64",
}
COMPANY_KINDS = (
    "business_offer",
    "business_request",
    "technology_offer",
    "technology_request",
    "rd_partner_request",
    "finance_request",
)
COMPANY_KIND_WEIGHTS = (30, 25, 15, 15, 8, 7)
MARKETS = ("IT", "ES", "TR", "DE", "FR", "GB", "US", "CN", "PL", "RO", "GR", "MA", "EG")


def _concepts(text: str) -> list[tuple[str, ...]]:
    return [
        tuple(part.strip() for part in line.split("|"))
        for line in text.strip().splitlines()
        if line.strip()
    ]


CONCEPTS = {sector: _concepts(words) for sector, (_, words) in SECTORS.items()}
GENERAL_CONCEPTS = _concepts(GENERAL)


def _group(category: str) -> str:
    if category in ("industry_sme", "industry_large", "marketing_media", "other"):
        return "company"
    if category in ("research", "education", "finance"):
        return category
    return "support"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


TOPICS: dict[int, frozenset[str]] = {}
"""Per generated profile id, the sectors its words were drawn from (the truth a good partner
list should mostly share)."""
WRITTEN_IN: dict[int, str] = {}
"""Per generated profile id, the language its texts are written in."""


def generate(count: int, seed: int = 7) -> list[Profile]:
    """``count`` profiles in four clusters, the same for the same seed (their topics and
    languages are kept in ``TOPICS`` and ``WRITTEN_IN``)."""
    rng = random.Random(seed)
    TOPICS.clear()
    WRITTEN_IN.clear()
    sectors = list(SECTORS)
    categories = [category for category, _ in CATEGORY_SHARES]
    shares = [share for _, share in CATEGORY_SHARES]
    profiles = []
    listing_id = 0
    for number in range(count):
        cluster = number % 4 + 1
        home = LANGUAGES[cluster - 1]
        language = "en" if home != "en" and rng.random() < 0.25 else home
        category = rng.choices(categories, shares)[0]
        main = rng.choice(sectors)
        topics = [main] + ([rng.choice(sectors)] if rng.random() < 0.2 else [])
        concepts = [concept for topic in topics for concept in CONCEPTS[topic]]
        column = COLUMNS.index(language)
        picked = [concept[column] for concept in rng.sample(concepts, 6)]
        general = [concept[column] for concept in rng.sample(GENERAL_CONCEPTS, 2)]
        first, family, suffix = NAMES[home]
        name = f"{rng.choice(first)} {rng.choice(family)} {rng.choice(suffix)} {number}"
        description = DESCRIPTIONS[language][_group(category)].format(
            name=name,
            city=rng.choice(CITIES[home]),
            size=SIZES[language][2 if category == "industry_large" else rng.randrange(2)],
            c0=picked[0],
            c1=picked[1],
            c2=picked[2],
            c3=picked[3],
            g0=general[0],
        )
        if category in OWN_DIVISIONS:
            codes = [OWN_DIVISIONS[category]]
        else:
            codes = [
                f"{rng.choice(SECTORS[topic][0])}.{rng.randrange(10, 100)}" for topic in topics
            ]
        if category in ("industry_sme", "industry_large", "other"):
            position = rng.choice(COMPANY_POSITIONS)
        elif category == "marketing_media":
            position = "services"
        elif category in ("research", "education"):
            position = "research"
        else:
            position = "support"
        if category in ("industry_sme", "industry_large", "marketing_media", "other"):
            kinds = rng.choices(COMPANY_KINDS, COMPANY_KIND_WEIGHTS, k=rng.choice((0, 1, 1, 2, 3)))
        elif category in ("research", "education"):
            kinds = rng.choices(("technology_offer", "rd_partner_request"), k=rng.choice((1, 2)))
        elif category == "finance":
            kinds = ["finance_offer"] * rng.choice((1, 2))
        else:
            kinds = ["business_offer"] if rng.random() < 0.3 else []
        listings = []
        for kind in kinds:
            listing_id += 1
            about = rng.sample(concepts, 2)
            title, text = LISTINGS[language][kind]
            values = {"c0": about[0][column], "c1": about[1][column]}
            listings.append(
                Listing(
                    id=listing_id,
                    kind=kind,
                    title=_capitalised(title.format(**values)),
                    text=_capitalised(text.format(**values)),
                    active=rng.random() >= 0.1,
                )
            )
        languages = (home, "en") if home != "en" and rng.random() < 0.6 else (home,)
        TOPICS[number + 1] = frozenset(topics)
        WRITTEN_IN[number + 1] = language
        profiles.append(
            Profile(
                id=number + 1,
                cluster_id=cluster,
                name=name,
                category=category,
                sectors=tuple(codes),
                value_chain_position=position,
                competences=tuple(picked[4:6]),
                technologies=(picked[3],),
                markets=tuple(rng.sample(MARKETS, rng.randint(1, 3))),
                languages=languages,
                description=description,
                listings=tuple(listings),
            )
        )
    return profiles
