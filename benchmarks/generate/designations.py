"""Platform designations that look like the real thing, by category and style of origin."""

from __future__ import annotations

import random

from benchmarks.generate.tables import keyed, words
from tracker.domain.vocab import Category

STYLE_OF: dict[str, str] = {
    "USA": "us",
    **dict.fromkeys(words("SUN RUS UKR BLR CSK CZE SVK DDR POL BGR ROU HUN YUG SRB"), "soviet"),
    **dict.fromkeys(words("CHN PRK PAK IRN"), "china"),
}  # everyone else: "west"

SUFFIXES: dict[str, list[str]] = {
    "us": ["", "", "", *words("A B C D E F G J K N")],
    "soviet": ["", "", "", *words("M K T P MK M2 UB SM MF BM E")],
    "china": ["", "", "", *words("A B C D E G M II IIM")],
    "west": ["", "", "", *words("A B C A4 A6 E NG"), " Mk 2", " II", " Evolution"],
}
LETTERS = "ABCDEFGHKLMNPRSTV"

# Designations by "category/style": {a} 1-45, {b} 1-199, {c} 100-999, {d} 1000-22999,
# {z} 10-99, {L} a letter, {s} a suffix of the style, {noun} one of the category's nouns.
TEMPLATES = keyed("""
aircraft/us: F-{b}{s}, A-{b}{s}, C-{b}{s}, KC-{b}{s}, P-{b}{s}, T-{b}{s}, AH-{b}{s}, UH-{b}{s},
    CH-{b}{s}, MQ-{a}{s}, E-{a}{s}, MH-{a}{s}
aircraft/soviet: MiG-{a}{s}, Su-{a}{s}, Yak-{a}{s}, Tu-{c}{s}, Il-{a}{s}, An-{a}{s}, Mi-{a}{s},
    Ka-{a}{s}, Be-{a}{s}, L-{a}{s}
aircraft/china: J-{a}{s}, JF-{a}{s}, JH-{a}{s}, H-{a}{s}, Y-{a}{s}, Z-{a}{s}, K-{a}{s},
    Q-{a}{s}, KJ-{c}{s}, Wing Loong-{a}{s} UAV
aircraft/west: Mirage {a}{s}, Hawk {c}{s}, Gripen {L}{s}, Tornado {L}{s}, Alpha Jet {L}{s},
    Alouette {a}{s}, Puma SA-{c}{s}, Lynx AH{a}{s}, AW-{c}{s}, Tucano EMB-{c}{s}, Kfir C{a}{s},
    Heron-{a}{s} UAV, Bayraktar TB{a}{s}, Atlantique {a}{s}, Falcon {c}{s}, Pilatus PC-{a}{s},
    Dornier Do-{c}{s}, CASA C-{c}{s}, Aermacchi MB-{c}{s}, Fokker F-{a}{s}, KAI KT-{a}{s}
armoured_vehicles/us: M{b}{s}, M{b}A{a}, LAV-{c}{s}, AAV-{a}{s}, MRAP M{c}{s}, Stryker M{c}{s},
    HMMWV M{c}{s}, V-{c} Commando{s}
armoured_vehicles/soviet: T-{a}{s}, BMP-{a}{s}, BTR-{a}{s}, BRDM-{a}{s}, BMD-{a}{s}, PT-{a}{s},
    MT-LB{s} {a}, OT-{a}{s}, BVP-{a}{s}, Tigr-{a}{s}
armoured_vehicles/china: Type-{z}{s} tank, Type-{z}{s} APC, ZTZ-{a}{s}, ZBD-{a}{s}, VN-{a}{s},
    WZ-{c}{s}, ZSL-{a}{s}, VT-{a}{s}
armoured_vehicles/west: Leopard-{a}{s}, AMX-{a}{s}, VAB {L}{s}, Piranha-{a}{s}, Marder-{a}{s},
    Centauro-{a}{s}, Patria AMV-{a}{s}, CV-{z}{s}, Chieftain Mk {a}, Scorpion-{a}{s},
    Boxer-{a}{s}, Pandur-{a}{s}, Ratel-{a}{s}, Merkava-{a}{s}, K-{a}{s}, Altay-{a}{s},
    ACV-{a}{s}, Vickers Mk {a}, Cobra-{a}{s}, Dingo-{a}{s}, Fuchs-{a}{s}, Ejder-{a}{s},
    Guarani VBTP-{c}{s}
artillery/nouns: 155mm self-propelled gun, 152mm self-propelled gun, 105mm towed gun,
    122mm towed gun, 130mm towed gun, 155mm towed gun, 120mm mortar, 81mm mortar, 122mm MRL,
    227mm MRL, 300mm MRL
artillery/us: M{c}{s} {noun}, M{b}A{a} {noun}, HIMARS M{c}{s}, MLRS M{c}{s}
artillery/soviet: 2S{a}{s} {noun}, D-{a}{s} {noun}, M-{a}{s} {noun}, BM-{a}{s} {noun},
    2A{a}{s} {noun}, 9A{c}{s} {noun}
artillery/china: PLZ-{a}{s} {noun}, PLL-{a}{s} {noun}, PHL-{a}{s} {noun}, SR-{a}{s} {noun},
    Type-{z}{s} {noun}, WS-{a}{s} {noun}
artillery/west: CAESAR Mk {a} {noun}, PzH-{d}{s} {noun}, FH-{z}{s} {noun}, G-{a}{s} {noun},
    Archer-{a}{s} {noun}, Dana-{a}{s} {noun}, K{a}{s} {noun}, ATMOS-{d}{s} {noun},
    L{c}{s} {noun}, LG-{a}{s} {noun}, Soltam M-{z}{s} {noun}, T-{c} Firtina{s} {noun}
engines/us: F{c}-GE-{c}, F{c}-PW-{c}, J{z}-GE-{a}, T{c}-GE-{c}, TF-{z}{s}, LM{d}{s} gas turbine,
    AE-{d}{s}, AGT-{d}{s}
engines/soviet: AL-{a}{s}, RD-{a}{s}, D-{a}{s}, TV3-{c}{s}, NK-{a}{s}, VK-{d}{s}, AI-{a}{s},
    M-{c}{s} diesel engine, R-{c}{s}
engines/china: WS-{a}{s}, WJ-{a}{s}, WP-{a}{s}, WZ-{a}{s}, QC-{c}{s}
engines/west: Adour Mk {c}, M53-P{a}, M88-{a}{s}, RB-{c}{s}, MTU {c}{s} diesel engine,
    Olympus TM-{a}{s}, Spey Mk {c}, Tyne Mk {c}, Makila {L}{s}, Arriel {a}{s}, EJ-{c}{s},
    RTM-{c}{s}, Viper Mk {c}, Pielstick PA-{a}{s} diesel engine, Larzac {a}{s}, Turmo {c}{s},
    Avon Mk {c}, Gem Mk {a}, Atar {z}{s}
missiles/us: AIM-{b}{s}, AGM-{b}{s}, RIM-{b}{s}, BGM-{b}{s}, MIM-{b}{s}, FIM-{b}{s}, UGM-{b}{s},
    RGM-{b}{s}, GBU-{a}{s} guided bomb, MGM-{b}{s}
missiles/soviet: R-{a}{s}, Kh-{a}{s}, 9M{c}{s}, 3M{a}{s}, P-{c}{s}, 9M{a}{s},
    KAB-{c}{s} guided bomb, V-{c}{s}, S-{a}{s} rocket
missiles/china: PL-{a}{s}, HJ-{a}{s}, C-{c}{s}, YJ-{a}{s}, CM-{c}{s}, HN-{a}{s}, QW-{a}{s},
    LS-{a}{s} guided bomb, FN-{a}{s}, SD-{a}{s}, FT-{a}{s} guided bomb
missiles/west: Exocet MM{a}{s}, Exocet AM{a}{s}, Meteor-{L}{s}, MICA-{L}{s},
    Storm Shadow-{L}{s}, Milan-{a}{s}, HOT-{a}{s}, Harpoon Block {a}{s}, IRIS-T-{L}{s},
    Spike-{L}{s}, Python-{a}{s}, Derby-{L}{s}, RBS-{a}{s}, NSM Block {a}{s}, Marte Mk {a},
    Aspide-{a}{s}, Brimstone-{a}{s}, Taurus KEPD-{c}{s}, Otomat Mk {a}, Mistral-{a}{s},
    Rapier-{a}{s}, Sea Skua Mk {a}, Penguin Mk {a}, Gabriel-{a}{s}, Popeye-{a}{s}, SOM-{L}{s},
    Umkhonto-{L}{s}, Astra Mk {a}, Haeseong-{a}{s}, Hyunmoo-{a}{s}, Atmaca-{a}{s},
    MAM-{L}{s} guided bomb
air_defence_systems/nouns: SAM system, air defence system, SPAAG, SHORAD system
air_defence_systems/us: Patriot PAC-{a}{s} SAM system, NASAMS-{a}{s} SAM system,
    Hawk MIM-{b}{s} SAM system, Avenger M{c}{s} SHORAD system, Chaparral M{z}{s} SAM system,
    THAAD-{a}{s} {noun}, Vulcan M{c}{s} SPAAG
air_defence_systems/soviet: S-{c}{s} SAM system, Buk-M{a}{s} SAM system, Tor-M{a}{s} {noun},
    Pantsir-S{a}{s} {noun}, Osa-AK{s} {a} SAM system, Kub-{a}{s} SAM system,
    Strela-{a}{s} SHORAD system, Igla-{a}{s} SHORAD system, ZSU-{z}-{a}{s} SPAAG,
    Tunguska-M{a}{s} SPAAG, Krug-{a}{s} SAM system
air_defence_systems/china: HQ-{a}{s} SAM system, FM-{c}{s} SAM system, KS-{a}{s} {noun},
    LY-{z}{s} {noun}, FK-{z}{s} SHORAD system, Type-{z}{s} SPAAG
air_defence_systems/west: Crotale NG-{a}{s} SAM system, Roland-{a}{s} SAM system,
    Rapier Mk {a} SAM system, Skyguard-{a}{s} {noun}, SAMP/T-{L}{s} SAM system,
    Spyder-{L}{s} SAM system, Barak-{a}{s} {noun}, Iron Dome-{a}{s} {noun},
    IRIS-T SLM-{a}{s} SAM system, VL MICA-{a}{s} SAM system, Gepard-{a}{s} SPAAG,
    Oerlikon GDF-{c}{s} SPAAG, KM-SAM-{a}{s} SAM system, Hisar-{L}{s} SAM system,
    Akash Mk {a} SAM system, Chunma-{a}{s} SHORAD system, Skyshield-{a}{s} {noun}
sensors/nouns: radar, air search radar, fire control radar, surveillance radar, EW system,
    combat management system
sensors/us: AN/APG-{b}{s} radar, AN/TPQ-{a}{s} artillery locating radar, AN/SPY-{a}{s} radar,
    AN/AAQ-{a}{s} targeting pod, AN/MPQ-{a}{s} fire control radar, AN/SQS-{a}{s} sonar,
    AN/TPS-{b}{s} surveillance radar, AN/FPS-{b}{s} air search radar, AN/ALQ-{c}{s} EW system,
    AN/APY-{a}{s} AEW radar
sensors/soviet: N0{c}{s} radar, Zhuk-{L}{s} radar, Irbis-{L}{s} radar, P-{a}{s} {noun},
    1L{c}{s} {noun}, Kasta-{a}{s} air search radar, Fregat-M{a}{s} air search radar,
    Pozitiv-{L}{s} radar, Mineral-{L}{s} combat management system, Nebo-{L}{s} {noun},
    Podsolnukh-{L}{s} radar, MGK-{c}{s} sonar
sensors/china: JY-{a}{s} air search radar, YLC-{a}{s} {noun}, KLJ-{a}{s} radar,
    Type-{c}{s} {noun}, SLC-{a}{s} artillery locating radar, H/LJG-{c}{s} fire control radar
sensors/west: Giraffe-{L}{s} radar, SMART-{L}{s} radar, GM-{c}{s} {noun}, Captor-{L}{s} radar,
    RBE-{a}{s} radar, Searchwater-{d}{s} radar, Sea Giraffe-{L}{s} radar, TRML-{a}{s} {noun},
    EL/M-{d}{s} {noun}, Erieye-{L}{s} AEW radar, DA-{z}{s} fire control radar, LW-{z}{s} {noun},
    Sampson-{a}{s} radar, Kronos-{L}{s} radar, TRS-{d}{s} {noun}, Damocles-{L}{s} targeting pod,
    Cobra-{L}{s} artillery locating radar, Sonar {d}{s} sonar
satellites/nouns: satellite
satellites/us: WorldView-{a}{s} {noun}, GeoEye-{a}{s} {noun}, DSCS-{a}{s} {noun},
    WGS-{a}{s} {noun}, KH-{a}{s} {noun}, Landsat-{a}{s} {noun}
satellites/soviet: Kondor-{L}{s} {noun}, Kosmos-{d}{s} {noun}, Resurs-P{a}{s} {noun},
    Obzor-{L}{s} {noun}, Persona-{a}{s} {noun}
satellites/china: Gaofen-{a}{s} {noun}, Yaogan-{a}{s} {noun}, ChinaSat-{a}{s} {noun},
    Fengyun-{a}{s} {noun}, VRSS-{a}{s} {noun}, PakSat-{a}{s} {noun}
satellites/west: Helios-{a}{s} {noun}, Pleiades-{a}{s} {noun}, Skynet-{a}{s} {noun},
    Ofek-{a}{s} {noun}, TecSAR-{a}{s} {noun}, SAR-Lupe-{a}{s} {noun},
    COSMO-SkyMed-{a}{s} {noun}, Sicral-{a}{s} {noun}, Eros-{L}{s} {noun}, Amos-{a}{s} {noun},
    Syracuse-{a}{s} {noun}, Falcon Eye-{a}{s} {noun}, KOMPSAT-{a}{s} {noun},
    Gokturk-{a}{s} {noun}, NAOS-{a}{s} {noun}
ships/nouns: frigate, corvette, destroyer, patrol vessel, offshore patrol vessel, submarine,
    landing ship, minehunter, fast attack craft, support ship, patrol craft
ships/us: FFG-{a}{s} frigate, DDG-{a}{s} destroyer, LCS-{a}{s} corvette, LST-{c}{s} landing ship,
    PC-{a}{s} patrol craft, WPB-{d}{s} patrol craft, Hull {c}{s} {noun}
ships/soviet: Project {d}{s} {noun}
ships/china: Type-0{z}{s} {noun}
ships/west: Type-{c}{s} {noun}, MEKO A-{c}{s} frigate, FREMM-{L}{s} frigate,
    Gowind-{d}{s} corvette, Scorpene-{L}{s} submarine, Sa'ar-{a}{s} corvette,
    Descubierta-{L}{s} corvette, Lupo-{L}{s} frigate, Kortenaer-{L}{s} frigate,
    Visby-{L}{s} corvette, Leander-{L}{s} frigate, River-{L}{s} offshore patrol vessel,
    KDX-{a}{s} destroyer, Ada-{L}{s} corvette, Damen SIGMA {d}{s} {noun},
    Damen Stan Patrol {d}{s} patrol vessel, Lurssen FPB-{z}{s} fast attack craft,
    Avante {d}{s} {noun}
naval_weapons/nouns: naval gun, CIWS, torpedo, ASW rocket launcher, VLS, naval mine
naval_weapons/us: Mk-{z}{s} {noun}, Mk-{z} Mod {a} torpedo, Phalanx Mk {a}{s} CIWS,
    SeaRAM Mk {a}{s} CIWS
naval_weapons/soviet: AK-{c}{s} naval gun, A-{c}{s} naval gun, SET-{z}{s} torpedo,
    53-{z}{s} torpedo, UGST-{a}{s} torpedo, RBU-{d}{s} ASW rocket launcher,
    Kashtan-{L}{s} CIWS, Palash-{L}{s} CIWS
naval_weapons/china: H/PJ-{a}{s} naval gun, Type-{c}{s} {noun}, Yu-{a}{s} torpedo,
    EDS-{a}{s} naval mine
naval_weapons/west: OTO Melara {z}mm{s} naval gun, Goalkeeper-{L}{s} CIWS,
    Millennium-{L}{s} CIWS, Bofors {z}mm{s} naval gun, Sting Ray Mod {a} torpedo,
    Spearfish Mod {a} torpedo, DM-{z}{s} {noun}, Black Shark-{L}{s} torpedo,
    MU-{z} Mod {a} torpedo, Sylver A{z}{s} VLS, Typhoon Mk {a} {noun}
other/nouns: gun turret, air refuelling system, bridge layer, mine clearance system,
    armoured recovery vehicle, tank turret, training simulator
other/us: M{c}{s} {noun}, Mk-{z}{s} {noun}, AN/GSQ-{c}{s} {noun}
other/soviet: BREM-{a}{s} {noun}, UR-{z}{s} {noun}, MTU-{a}{s} {noun}, UPAZ-{a}{s} {noun},
    BMR-{a}{s} {noun}
other/china: Type-{c}{s} {noun}, GCZ-{c}{s} {noun}, GQL-{c}{s} {noun}
other/west: Hitfist-{z}{s} {noun}, Cockerill CT-{a}{s} {noun}, Keiler-{a}{s} {noun},
    Bergepanzer-{a}{s} {noun}, Leguan-{a}{s} {noun}, TML-{z}{s} {noun}, Samson-{a}{s} {noun}
""")


def make_designation(rng: random.Random, category: Category, style: str) -> str:
    """A designation from one of the category's templates for the style, spaces collapsed."""
    template = rng.choice(TEMPLATES[f"{category.value}/{style}"])
    nouns = TEMPLATES.get(f"{category.value}/nouns", [])
    designation = template.format(
        a=rng.randint(1, 45),
        b=rng.randint(1, 199),
        c=rng.randint(100, 999),
        d=rng.randint(1000, 22999),
        z=rng.randint(10, 99),
        L=rng.choice(LETTERS),
        s=rng.choice(SUFFIXES[style]),
        noun=rng.choice(nouns) if nouns else "",
    )
    return " ".join(designation.split())
