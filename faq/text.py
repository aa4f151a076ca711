"""Text preparation shared by the FAQ index and the questions: normalising, synonyms, stopwords."""

from __future__ import annotations

import re
import unicodedata

# Lay words and abbreviations patients use, rewritten to the words the FAQ itself uses.
# Applied to entries and questions alike, after normalising, on whole words only.
PHRASE_SYNONYMS: tuple[tuple[str, str], ...] = (
    # greetings carry no question
    (r"good (?:morning|afternoon|evening|night|day)|goodnight|gm", ""),
    # side effects
    (
        r"night ?mares?|(?:bad|weird|crazy|strange|intense|wild|odd|scary|vivid|realistic|"
        r"disturbing|lucid|funny|freaky|horrible|terrible|mad) dreams?|dreaming",
        "vivid dreams",
    ),
    (r"insomnia|cant sleep|cannot sleep|sleepless\w*|waking up|wake up at night", "sleep insomnia"),
    (
        r"nause\w*|nausious|queasy|sick to my stomach|feel sick|feeling sick"
        r"|upset (?:stomach|tummy)|throwing up|throw up|vomit\w*",
        "nausea",
    ),
    (r"flare ?ups?|flaring|got worse|getting worse|feel worse|feeling worse", "flare worse"),
    (r"head ?aches?|migraines?|head hurts?|head is pounding", "headache"),
    (r"side ?e?affects?|sideeffects|side effect", "side effects"),
    (r"worse before (?:it gets )?better|made (?:me|it|things) worse|worsening", "flare worse"),
    (r"when will it work|when does it work|how soon will i|before it works", "how long work"),
    (r"hooked|addicted|addictive|addiction", "addictive addiction"),
    (r"high dose|full dose|normal dose|regular dose|usual dose|50 ?mg", "standard dose"),
    (r"chemist|drug ?store|apothecary", "pharmacy"),
    # medicines and substances
    (
        r"pain ?killers?|pain meds?|pain medications?|pain relief medicine|opiates?|narcotics?"
        r"|tramadol|oxy|oxycodone|oxycontin|codeine|morphine|hydrocodone|fentanyl|methadone"
        r"|suboxone|subutex|buprenorphine|percocet|vicodin|norco|dilaudid|hydromorphone"
        r"|tapentadol|kratom|heroin",
        "opioids",
    ),
    (
        r"immuno ?suppress\w*|immune suppress\w*|biologics?|methotrexate|humira|adalimumab"
        r"|prednisone|prednisolone|steroids?|azathioprine|imuran|tacrolimus|cyclosporine"
        r"|ciclosporin|mycophenolate|cellcept|rituximab|enbrel|remicade|infliximab|stelara"
        r"|ocrevus|tysabri|transplant",
        "immunosuppressants",
    ),
    (r"cannabidiol|hemp oil|cbd oil|cbd gummies", "cbd"),
    (r"alcoholics?|alcoholism|drinking problem", "alcohol"),
    (r"turmeric", "curcumin"),
    (r"fish oils?|omega ?3s?|omega three", "omega3"),
    (r"probiotics?|microbiome|dysbiosis|gut flora|gut bacteria", "gut restoration dysbiosis"),
    # conditions
    (r"ms", "multiple sclerosis"),
    (r"ra", "rheumatoid arthritis"),
    (r"uc", "ulcerative colitis"),
    (r"sle", "lupus"),
    (r"fibro|fibromyalga|fibromyalgia|fibromialgia|fm", "fibromyalgia"),
    (r"me ?cfs|cfs|cfs ?me|myalgic encephalomyelitis|chronic fatigue(?: syndrome)?", "mecfs"),
    (r"rsd|reflex sympathetic dystrophy|crps", "crps"),
    (r"long ?covid|long ?haul\w*|post ?covid|covid", "longcovid"),
    (r"hashimotos?|hashimoto s", "hashimotos"),
    (r"crohns?|crohn s", "crohns"),
    (r"lyme(?: disease)?", "lyme"),
    (
        r"pregnan\w*|pregnent|expecting a baby|trying for a baby|trying to conceive|ttc|conceiv\w*"
        r"|breast ?feed\w*|nursing|lactat\w*",
        "pregnancy",
    ),
    # tests, cost, access
    (
        r"lfts?|liver function(?: tests?)?|blood ?work|blood tests?|labs|liver tests?"
        r"|liver enzymes",
        "blood tests liver function",
    ),
    (
        r"prices?|pricey|costs?|costly|expensive|cheap|afford\w*|insurance|insurer|how much is it",
        "cost",
    ),
    (r"perscription|prescripton|scripts?|rx", "prescription"),
    (r"over the counter|otc", "counter prescription"),
    (r"gp|physician|doc|dr|doctors|specialist|rheumatologist|neurologist|consultant", "doctor"),
    (r"immune system|immunity|immune defences?", "immune"),
    (r"sick more often|catch (?:more )?(?:colds|bugs|infections)", "infections immune"),
    (r"quit\w*|come off|coming off|wean\w* off|taper\w*", "quit"),
    (r"telemedicine|tele ?health|online doctor|virtual doctor|video call", "telehealth"),
    # dosing and the bot
    (r"erase|wipe|forget (?:about )?me|remove me", "delete"),
    (r"forgot\w*|forget|missed|miss|skipped|skip|didnt take", "missed"),
    (r"hours late|too late|later than usual|past midnight|middle of the night", "late"),
    (r"day ?time|during the day|first thing|in the am|wake up time|night shifts?", "morning"),
    (r"double up|doubling up|two doses|take two", "missed double"),
    (r"titrat\w*|ramp\w* up|build up|go up|going up|step up|increas\w*", "titration increase"),
    (r"how long till|how long until|how soon|kicks? in|start working|starts working", "how long"),
    (r"operations?|procedures?|an(?:a)?esthe\w*|colonoscopy|endoscopy|surgical", "surgery"),
    (
        r"abroad|flying|flights?|trip|holidays?|vacation|jet ?lag|time ?zones?|timezones?",
        "travel time zones",
    ),
    (r"remind\w*|notifications?|alerts?|alarms?", "reminder"),
    (r"mute|turn off|switch off", "pause"),
    (r"privacy|gdpr|personal information|personal data", "data privacy"),
    (r"download|copy of", "export"),
    (r"bed ?time|night ?time", "bedtime"),
    (r"dosage|dosing|doseage|dosis", "dose"),
    (r"max|maximal|highest|upper limit", "maximum"),
    (r"whats", "what"),
    (r"hows", "how"),
    (r"sleeping|sleepless|slept", "sleep"),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """
    a an the and or but nor so of to in on at by for from with into onto about as than then i me
    my mine myself we us our ours you your yours u ur he him his she her hers it its they them
    their this that these those there here is am are was were be been being do does did doing
    have has had having will would shall may might must can could should im ive id youre its
    dont doesnt didnt isnt arent wasnt wont cant couldnt shouldnt wouldnt havent hasnt hi hello
    hey please pls plz thanks thank thx ok okay yes yeah yep also really actually just very
    quite bit little lot lots some any anyone someone something anything thing things like know
    tell wondering wonder question questions ask asking guess think maybe perhaps well sure s t
    d ll re ve m o oh um uh hmm
    """
)

_APOSTROPHES = re.compile(r"['\u2019\u2018`´]")
_NOT_WORD = re.compile(r"[^\w.]+|_")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
_COMPILED_SYNONYMS = tuple(
    (re.compile(rf"(?<![\w.])(?:{pattern})(?![\w])"), replacement)
    for pattern, replacement in PHRASE_SYNONYMS
)


def normalise(text: str) -> str:
    """NFKC, casefold, drop apostrophes and punctuation (keeping decimals), collapse spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _NOT_WORD.sub(" ", text)
    # A full stop only survives inside a number such as 4.5.
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    return " ".join(text.split())


def apply_synonyms(text: str) -> str:
    """Rewrite lay terms in normalised text to the FAQ's own words."""
    for pattern, replacement in _COMPILED_SYNONYMS:
        text = pattern.sub(replacement, text)
    return text


def stem(token: str) -> str:
    """A deliberately tiny stemmer (plurals and -ing), so 'dreams' meets 'dream'."""
    if len(token) > 5 and token.endswith("ing"):
        root = token[:-3]
        if len(root) > 2 and root[-1] == root[-2] and root[-1] not in "ls":
            root = root[:-1]
        return root
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "os")):
        return token[:-1]
    return token


# Endings of medicine names (generic stems), so "omeprazole" or "lisinopril" counts as another
# drug even though no list names it. Only used for words the FAQ itself never uses.
_DRUG_ENDINGS = (
    "prazole",
    "azole",
    "pril",
    "olol",
    "statin",
    "sartan",
    "dipine",
    "ximab",
    "zumab",
    "mumab",
    "glutide",
    "oxetine",
    "azepam",
    "azolam",
    "cillin",
    "mycin",
    "cycline",
    "floxacin",
    "triptan",
    "gliptin",
    "gliflozin",
    "xaban",
    "profen",
    "dronate",
    "tidine",
    "triptyline",
    "pramine",
    "lukast",
    "vudine",
    "navir",
    "tinib",
)


def is_foreign_word(word: str) -> bool:
    """A word naming something the guide does not cover: a listed term or a drug-like name."""
    return word in OUT_OF_SCOPE_TERMS or (len(word) > 6 and word.endswith(_DRUG_ENDINGS))


def raw_tokens(text: str) -> list[str]:
    """Normalised word tokens, synonyms not applied."""
    return _TOKEN.findall(normalise(text))


def content_tokens(text: str) -> list[str]:
    """Normalised, synonym-mapped, stemmed tokens without stopwords."""
    words = _TOKEN.findall(apply_synonyms(normalise(text)))
    return [stem(w) for w in words if w not in STOPWORDS]


# Words that signal a question is about something the guide does not cover: other medicines,
# other conditions, everyday topics. They weigh heavily against every entry, so "can I take
# ibuprofen with LDN" is declined instead of being matched on "take" and "LDN".
# Alcohol and thyroid medicines are not listed: the FAQ has entries saying the guide does not
# cover them and who to ask (`alcohol`, `thyroid-medicines`).
OUT_OF_SCOPE_TERMS = _words(
    """
    ibuprofen advil motrin nurofen aspirin paracetamol acetaminophen tylenol naproxen aleve
    nsaid nsaids diclofenac celecoxib metformin insulin ozempic semaglutide wegovy mounjaro
    tirzepatide statin statins atorvastatin simvastatin lisinopril amlodipine losartan
    metoprolol warfarin eliquis apixaban xarelto clopidogrel
    sertraline zoloft fluoxetine prozac lexapro escitalopram citalopram paroxetine venlafaxine
    effexor duloxetine cymbalta bupropion wellbutrin mirtazapine trazodone amitriptyline
    nortriptyline ssri ssris snri antidepressant antidepressants lithium quetiapine seroquel
    olanzapine aripiprazole abilify adderall ritalin methylphenidate vyvanse modafinil xanax
    alprazolam valium diazepam lorazepam ativan klonopin clonazepam benzodiazepine benzo benzos
    ambien zolpidem melatonin benadryl diphenhydramine antihistamine antihistamines zyrtec
    claritin allegra gabapentin pregabalin lyrica neurontin baclofen tizanidine cyclobenzaprine
    sumatriptan antibiotic antibiotics amoxicillin penicillin doxycycline azithromycin
    ciprofloxacin ivermectin hydroxychloroquine plaquenil viagra cialis sildenafil contraceptive
    contraceptives birth control hrt estrogen progesterone testosterone finasteride minoxidil
    accutane isotretinoin ketamine psilocybin mushrooms nicotine vape vaping cigarettes smoking
    weed marijuana thc caffeine coffee tea energy vitamin
    vitamins magnesium zinc iron ashwagandha berberine collagen creatine keto vaccine vaccines
    vaccination flu shot booster covid19 chemo chemotherapy radiotherapy diabetes diabetic
    asthma copd hypertension cholesterol obesity weight acne eczema rosacea hair loss baldness
    cold flu pneumonia herpes shingles hiv aids epilepsy dementia alzheimers parkinsons autism
    schizophrenia bipolar gout osteoporosis kidney kidneys dialysis stroke heart menopause
    endometriosis pcos infertility erectile tinnitus vertigo allergy allergies hay fever weather
    rain snow sunny forecast temperature football soccer cricket basketball match score movie
    movies film films music song songs poem poems joke jokes funny recipe recipes cook cooking
    bake baking bread rice dinner lunch breakfast restaurant phone iphone laptop computer wifi
    internet bitcoin crypto stock stocks money bank job jobs career divorce husband wife
    boyfriend girlfriend marriage dog dogs cat cats pet pets vet veterinary capital country
    president election politics news translate spanish french german mri scan xray gym exercise
    workout marathon everest moon planet universe love hate birthday christmas party game games
    """
)
