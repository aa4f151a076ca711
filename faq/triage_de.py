"""The safety triage's rules for messages written in German.

The same concerns as the English rules (`faq.triage.CONCERNS`), in the words patients use:
umlauts typed, spelled out or dropped ("Überdosis", "ueberdosis", "uberdosis"), typos
("umbrngen", "schwnger"), a report inside a question ("ist das schlimm? ich hab sechs Kapseln
genommen"). A question about a topic ("kann LDN Krampfanfälle auslösen?"), a negation ("keine
Brustschmerzen", "die Brust tut nicht weh"), family history, figures of speech ("ich sterbe vor
Langeweile", "diese Hitze bringt mich um") and a dose the prescriber changed are not reports.

Patterns are written in German spelling and folded like the message (`compile_folded`: ä, ae
and a are one letter). Tuned on tests/faq/triage_devset.de.tsv;
tests/faq/triage_heldout.de.tsv was written after the tuning.
"""

from __future__ import annotations

import re

from faq.triage import NetGate, concern_needs
from faq.triage_lang import (
    Detector,
    Grammar,
    LanguageRules,
    Rule,
    across,
    fold_letters,
    near,
    number,
    opioid_co_use_detector,
    rules_detector,
    sentence,
    suicidal_detector,
)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_letters(pattern, german=True))


_NUMBER_WORDS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwolf": 12, "dreizehn": 13,
    "vierzehn": 14, "fünfzehn": 15, "zwanzig": 20,
    "dreißig": 30, "dreissig": 30, "mehrere": 3, "viele": 5, "ein paar": 3, "eine handvoll": 5,
    "ne handvoll": 5, "handvoll": 5,
    "beide": 2,
}  # fmt: skip
_NUMBERS = {fold_letters(word, german=True): n for word, n in _NUMBER_WORDS.items()}
_COUNT = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"

GRAMMAR = Grammar(
    clause_break=re.compile(r"(?<!\d)\.|\.(?!\d)|[!?;,\n]|\baber\b|\bobwohl\b|\bsondern\b"),
    negation_before=_c(
        r"\b(?:kein\w*|nicht|nie|niemals|ohne|weder|fast|beinahe|nichts)\b(?: \w+){0,2} $"
    ),
    question_before=_c(
        r"\b(?:wenn|falls|ob|was passiert|was ist wenn|verursach\w*|auslös\w*|risiko|gefahr"
        # ("klagt über": a complaint is a report, not a topic)
        r"|(?<!klagt )(?<!klagte )(?<!beschwert sich )über|vermeiden|verhindern|anzeichen"
        r"|symptome von|stimmt es|ist es wahr|angeblich"
        r"|gelesen|gehört)\b"
        r"|^ ?(?:kann|können|könnte|darf|dürfen|ist|sind|macht|machen|wird|werden|soll|sollte"
        r"|gibt es|was|wie|warum|wieso|weshalb|hat|haben)\b"
    ),
    history=_c(
        r"\bvor (?:\w+ )?(?:jahren|jahrzehnten|langer zeit)\b"
        r"|\b(?:letzte[nrs]?|vorige[nrs]?) (?:monat|jahr|sommer|winter)\b|\bals (?:\w+ )?(?:kind"
        r"|jugendliche\w*"
        r"|teenager|baby|junge[rn]?|mädchen|mann|frau|student\w*)\b|\bfrüher\b"
        r"|\bin meiner familie\b|\bfamilie gibt es\b"
        r"|\bgestorben\b|\bstarb\b|\bgeträumt\b|\btraum\w*\b|\balbtr\w*"
        # an uncle's or a grandmother's illness: family history, not today's report
        r"|\b(?:mein|meine) (?:onkel|tante|opa|oma|grossvater|grossmutter|cousin\w*|urgross\w*)"
        r" (?:\w+ )?(?:hatte|litt)\b(?!(?: \w+){0,3} (?:gerade|eben|heute|gestern|jetzt|vorhin))"
    ),
    others=_c(
        # (not "kollegin meinte ich seh gelb aus": they tell what they see in me)
        # (not someone it is happening to now: "mein freund ist grad weggesackt", "seit 5 minuten")
        r"\b(?:freund\w*|kolleg\w*|nachbar\w*|bekannte\w*)\b"
        r"(?!(?: \w+){0,2} (?:grad|gerade|eben|jetzt|seit \d+ min\w*)\b)"
        r"(?! (?:meint|meinte|sagt|sagte|findet"
        r"|fand) (?:ich|mir|mich)\b)"
        # someone in a forum or a group; reported speech ("er sei ohnmächtig geworden")
        r"|\b(?:im|aus dem|in einem|in der|aus der) (?:forum|gruppe|chat)\b|\b(?:er|sie) sei\b"
        # someone on a screen or a stranger in the cinema
        r"|\b(?:im|in der|in einem|in|in meiner|in meinem|in unserer|in dem) (?:\w+)?(?:film|kino"
        r"|serie|fernsehen|krimi|tatort|greys anatomy|roman|buch)\b"
        r"(?: \w+){0,2} (?:hatte|hat|ist|war|wurde|bekam|bekommt) (?:einer|jemand|eine|die|der"
        r"|ein|den)\b"
        # words quoted from a novel, a song or an article ("... stand in dem roman")
        r"|\b(?:stand|steht|stehen|las|lese|les) (?:\w+ ){0,2}(?:in|im) (?:dem |der |einem |einer"
        r" |meinem |meiner )?\w*(?:roman|buch|artikel|gedicht|lied|song|zeitung|post)\b"
    ),
    question_after=_c(
        r"^ ?(?:ist|sind|wäre) (?:das |es |sowas )?(?:eine |ein )?(?:nebenwirkung\w*|normal|typisch"
        r"|gefährlich|schlimm|symptom|anzeichen)\b"
    ),
    ongoing=_c(
        r"\b(?:hab|habe|hatte) (?:ich )?(?:das|es|die|den|sie|ihn) (?:\w+ )?(?:seit|schon seit)\b"
        r"|\bseit (?:gestern|heute|heute morgen|heute früh|letzter nacht|einer stunde"
        r"|ein paar stunden|vorhin)\b|\bgerade jetzt\b|\bim moment\b"
    ),
)
_HELP_WRAPPER = _c(
    r"\b(?:was (?:soll|kann|muss|sollen) (?:ich|wir) (?:jetzt |nun )?(?:tun|machen)|was tun"
    r"|was nun|was jetzt|ist (?:das|es) (?:schlimm|gefährlich|normal|ernst)(?= ?[?,.!]| ?$)"
    r"|hilfe|bitte helft?|helft mir|ich weiss nicht was ich tun soll)\b"
)
_REPLACEMENTS = (
    (_c(r"\baus versehen\b|\bversehentlich\b|\bus versehe\b"), "versehentlich"),
    (_c(r"\bals ob\b|\bals wenn\b"), "als"),  # "as if", not "if"
    # an amount in words before a unit or after "statt": "zwanzig ml", "statt zwei"
    *(
        (_c(rf"\b{word}(?= ?(?:ml|mg|milliliter)\b)|(?<=statt ){word}\b"), str(n))
        for word, n in {
            "eine": 1,
            "einer": 1,
            "zwei": 2,
            "drei": 3,
            "fünf": 5,
            "zehn": 10,
            "zwanzig": 20,
            "dreissig": 30,
            "vierzig": 40,
            "fünfzig": 50,
        }.items()
    ),
    # "weil ichs vergessen hatte", "dann mach ichs": the clitic "es" as its own word
    (_c(r"\b(ich|du|er|sie|wir|hab|habe|hatte|mach|tu|nimm|nehm)s\b"), r"\1 es"),
    # "kommt das vom LDN, dass ...?": the patient has it; the question is only its cause.
    (
        _c(
            r"\b(?:kommt|kommen|liegt) (?:das|es) (?:\w+ )?(?:vom|von|von der|von den|am"
            r"|an der|an den"
            r"|durch) (?:ldn|naltrexon|dosis|kapseln|tabletten|medikament) ?,? dass\b"
        ),
        " , ",
    ),
)

_MED = (
    r"(?:ldn|naltrexon|kapseln?|tabletten?|pillen?|lösung|spritze|flasche|dose"
    r"|pillendose|tablettendose|kapseldose|medikamente?|medizin|dosis|blister|packung|schachtel"
    r"|flüssigkeit"
    r"|tablettenbox|pillenbox|wochenbox|dosierer|wochendosierer|fläschchen|fläschli"
    r"|kapsle|kapsli"
    r"|tablettli|reisedose|reisedöschen|medikamentendose|medidose|pillendöschen|döschen)"
)
_PRESCRIBER = _c(
    r"\b(?:arzt|ärztin|doktor|dr|apothek\w*|verschrieben|verordnet|rezept|gesagt|wie besprochen"
    r"|erhöht|umgestellt|soll ich|verdoppeln)\b"
)
_TOOK_PAST = (
    r"(?:genommen|eingenommen|geschluckt|getrunken|verschluckt|erwischt|runtergeschluckt"
    r"|runtergespült|eingeworfen|ausgetrunken|leergetrunken|geleert|leer gemacht|leergemacht"
    # dialect: Bavarian/Austrian "gnumma", Swiss "gno", "gschluckt"; "overdone it"
    r"|gnumma|gnomma|gnumman|gno|gnoh|gschluckt|übertrieben|nachgeholt)"
)

# ------------------------------------------------------------------ suicidal

_SUICIDAL = _c(
    r"\bmich (?:\w+ ){0,2}umbr\w*ngen\b|\bmich umzubringen\b|\bmir (?:das leben|mein leben)"
    r" (?:zu )?nehmen\b|\bselbstmord\w*|\bsui[zc]id\w*|\bfreitod\b|\blebensmüd\w*"
    r"|\b(?:will|möchte|wollte|werde|würde gern|würde lieber) (?:einfach |nur |lieber |endlich"
    r" |jetzt )?sterben\b|\b(?:will|möchte|wäre lieber|wär lieber|wäre am liebsten) (?:einfach"
    r" |nur |lieber )?tot\b"
    r"|\b(?:will|möchte|kann|mag) (?:so )?nicht (?:mehr )?(?:leben|weiterleben|existieren"
    r"|da sein)\b|\bnicht (?:mehr )?weiter ?leben\b|\bnicht mehr (?:zu )?existieren"
    r"|\b(?:besser|leichter|ruhe) ohne mich\b|\bohne mich (?:besser|leichter)\b"
    r"|\bwenn ich (?:einfach |bloss |nur )?(?:nicht mehr da|weg|tot|nicht mehr am leben)"
    r" (?:wäre|wär|bin|sein)\b"
    r"(?!,? (?:im|in|auf|bei|zum|zur|für|wegen|über|am|kann|könnt|wer|wird|erinnert) )"
    r"|\b(?:bin|fühle mich wie|fühl mich wie|fühle mich als) (?:\w+ ){0,3}(?:eine last"
    r"|eine belastung|im weg)\b"
    r"|\bnicht mehr auf(?:zu)?wach(?:en|e)\b|\bnie (?:wieder|mehr) auf(?:zu)?wach(?:en|e)\b"
    r"|\bwache (?:\w+ )"
    r"{0,2}(?:nicht mehr|nie wieder|nie mehr) auf\b"
    r"|\bdann ist schluss\b|\bschluss mit allem\b|\bschluss machen\b(?! mit (?:ihm|ihr|meinem"
    r"|meiner))|\bmache (?:ich )?schluss\b"
    r"|\b(?:sammle|horte|bunkere|spare) (?:\w+ )?(?:tabletten|kapseln|pillen)"
    r"|\b(?:will|möchte) (?:nur noch |einfach )?dass (?:alles|es) aufhört\b"
    r"|\bsoll (?:alles )?endlich aufhören\b"
    r"|\bleben (?:hat )?keinen sinn|\bkein sinn mehr zu leben|\bsinnlos (?:zu )?leben"
    r"|\bdas ist (?:ein|mein) abschied\b|\bverabschiede mich von (?:allen|euch|der welt|jedem)"
    r"|\blebt wohl\b|\bletzte nachricht\b(?! (?:für|fur) heute)"
    r"|\b(?:niemand|keiner) (?:würde|wird) (?:mich )?(?:vermissen|merken)\b|\bwürde es keiner"
    r" merken|\bfür immer verschwinden|\bnie wieder zurückkommen"
    r"|\bleben ein ende\b|\bgeritzt\b|\britze mich\b|\britzen\b|\bverletze mich (?:selbst|wieder)"
    r"|\bselbstverletz\w*|\bmir (?:selbst )?weh ?(?:tun|zu tun)\b"
    r"|\b(?:von|aus|vor) (?:der|dem|den|einer|einem) (?:brücke|fenster|dach|hochhaus|zug|klippe)"
    r"\w* (?:zu )?(?:springen|werfen|stürzen)|\bseil gekauft|\bmich (?:auf|er)?hängen\b"
    r"|\bverschenke (?:\w+ )?(?:sachen|sache|besitz)|\b(?:halte|ertrage) (?:dieses|das|mein)"
    r" leben nicht mehr|\bplan\b(?: \w+){0,4} (?:beende|beenden|sterbe|sterben|umbringe)\b"
    r"|\b(?:alles|es) (?:zu )?beenden\b(?! (?:was|mit|bei|wegen))"
    r"|\b(?:wäre|wär|bin) (?:\w+ )?besser (?:dran )?tot\b|\bbesser tot\b"
    r"|\bmich (?:\w+ )?aus dem weg (?:zu )?räumen|\bfür immer (?:ein)?schlafen\b"
    r"|\büberflüssig (?:auf"
    r" dieser|auf der|in dieser) welt|\babschiedsbrief\w*|\bnicht mehr leiden\b"
    r"|\bschneide (?:mir|mich)\b(?! (?:die|den|das|eine|einen|ein) )"
    r"|\b(?:mir|mich) (?:selbst )?(?:schneiden|ritzen)\b"
    r"|\b(?:wenn ich|ohne mich)\b.{0,40}\b(?:allen|jedem) (?:\w+ )?egal\b"
    r"|\bwenn ich (?:einfach )?(?:verschwinden|sterben|gehen) würde"
    r"|\bkeine lust mehr (?:zu|auf) leben|\blebensunlust|\btodessehnsucht|\btodeswunsch"
    r"|\bwill nicht mehr\s*(?:[.!?,]|$)|\bmir (?:was|etwas) an(?:zu)?tun\b|\bmich (?:zu )?töten\b"
    r"|\b(?:denk\w*|gedanken) (?:\w+ ){0,5}(?:an den tod|ans sterben|an selbstmord|ans sterben)"
    r"|\bnicht mehr (?:hier|da) (?:zu )?sein\b|\bwill (?:einfach )?weg von (?:allem|dieser welt)"
    r"|\bwäre ich (?:doch )?nie geboren|\bnie geboren (?:worden )?wäre"
    r"|\bleben (?:\w+ ){0,4}keinen sinn|\bkeinen sinn mehr (?:zu leben|im leben)"
    r"|\bmich (?:\w+ ){0,4}(?:umzubringen|umbr\w*ngen|zu töten)\b|\baufhören zu (?:leben|existieren"
    r"|atmen)\b|\berleichterung\b(?: \w+){0,5} wenn ich\b|\bnehm\w* (?:ich )?(?:\w+ ){0,3}mir"
    r" (?:das|mein) leben\b|\bmir (?:\w+ ){0,3}das leben (?:zu )?nehmen\b"
    r"|\b(?:habe|hab) mich entschieden\s*(?:[.!?,;]|$)|\bmorgen (?:nicht )?(?:mehr |noch )?erleb\w*"
    r"|\b(?:versteckt|gesammelt|gehortet|gebunkert) (?:\w+ )?(?:tabletten|kapseln|pillen)"
    r"|\b(?:tabletten|kapseln|pillen) (?:\w+ ){0,2}(?:versteckt|gesammelt|gehortet|gebunkert)"
    r"|\bsie alle (?:auf einmal |zusammen )?zu nehmen\b|\bist sterben\b|\bbleibt (?:mir )?(?:nur"
    r" )?(?:noch )?(?:der tod|sterben)\b|\bmich (?:\w+ )?geschnitten\b|\bverzeiht mir\b"
    r"|\bvergebt mir\b|\bwünsch\w* (?:\w+ ){0,4}nicht (?:mehr )?aufwach\w*"
    r"|\bohne (?:\w+ ){0,5}mich\b(?: \w+){0,2} besser\b|\bbesser dran ohne mich"
    r"|\bbringe? (?:mich|mi) (?:\w+ ){0,2}um\b|\b(?:möchte|will|wäre) (?:\w+ ){0,3}tot sein\b"
    r"|\bam liebsten tot\b|\b(?:rasier)?klinge\b|\b(?:mich|mir) (?:\w+ ){0,4}(?:verletzt|geritzt)\b"
    r"|\bdass (?:alles|es) (?:endlich )?vorbei ist\b|\b(?:alles|es) soll (?:endlich )?vorbei sein"
    r"|\bspring\w* (?:vom|von der|von dem|aus dem|vor den) (?:balkon|brücke|dach|fenster|hochhaus"
    r"|zug)|\bdem (?:ganzen|allem) ein ende\b|\baus dem leben scheiden|\b(?:niemand|keiner)"
    r" braucht mich\b|\b(?:müde|keine kraft) (?:mehr )?(?:zu kämpfen|vom kämpfen)"
    r"|\balles (?:\w+ ){0,2}keinen sinn mehr\b|\bnicht mehr weiterleben"
    r"|\bweg\b(?: \w+){0,3} nicht mehr (?:zu )?leiden\b"
    r"|\bbleibt (?:\w+ ){0,3}(?:mich )?(?:zu )?verabschieden\b"
    r"|\b(?:wäre|wär) (?:\w+ )?besser,? (?:zu gehen|zu sterben|wenn ich gehe)\b"
    r"|\bohne mich (?:\w+ ){0,2}(?:ruhe|besser|leichter|glücklicher)\b"
    r"|\bkeinen sinn (?:mehr )?(?:weiter ?zu ?leben|zu leben)\b"
    r"|\bmache (?:ich )?(?:heute |jetzt |bald |morgen |heute nacht )?schluss\b"
    r"(?! mit (?:der|dem|den"
    r"|meinem|meiner|ihm|ihr))|\b(?:tabletten|kapseln|pillen) (?:\w+ ){0,4}(?:bereitgelegt"
    r"|bereit gelegt|zurechtgelegt|hingelegt)\b|\britz(?:e|en|t|te)\b|\bweiterzuleben\b"
    r"|\bvor (?:die|den|einen|eine) (?:u bahn|s bahn|zug|bahn|auto|lkw|lastwagen|bus)\w*"
    r" (?:zu )?(?:werfen|springen|laufen)|\bmich vor (?:\w+ ){1,5}(?:zu )?(?:werfen|schmeissen)"
    r"|\bum mich (?:von (?:euch|allen|dir) )?zu verabschieden|\bsehne mich nach dem tod"
    r"|\bwünsche mir den tod|\bwünschte? ich wäre tot|\bmich (?:\w+ ){0,3}(?:erschiessen|vergiften"
    r"|ertränken|erhängen)\b"
    # worthless, superfluous, a burden, not deserving to live
    r"|\b(?:bin|fühle mich|fühl mich) (?:\w+ ){0,2}(?:überflüssig|wertlos|nichts wert)\b"
    r"|\bverdiene (?:es )?nicht (?:mehr )?(?:zu leben|das leben)\b|\b(?:eine|ne) last für (?:alle"
    r"|jeden|euch|meine familie|meine kinder)\b"
    # self-harm on any part of the body, burning on purpose
    r"|\bschneid (?:mir|mich)\b(?! (?:die|den|das|eine|einen|ein) )"
    r"|\baufgeritzt\b|\b(?:arme?|beine?|handgelenke?|pulsadern|oberschenkel|bauch)\b(?: \w+){0,2}"
    r" (?:aufgeschnitten"
    r"|aufgeritzt|zerschnitten)\b"
    r"|\b(?:zigarette\w*|kippe\w*) (?:\w+ ){0,3}(?:arm|armen|haut|bein|beinen|hand) ausgedrückt"
    r"|\bmein leben ist (?:\w+ )?(?:nichts wert|wertlos)\b"
    r"|\b(?:absichtlich|mit absicht)\b(?: \w+){0,5} (?:verbrannt|geschnitten|verletzt|geschlagen)\b"
    # everything in the medicine cabinet; the lethal dose or the way looked up; bridges, tracks
    r"|\b(?:schluck\w*|nehm\w*|trink\w*)\b(?: \w+){0,3} alles,? was (?:\w+ ){0,3}(?:medizinschrank"
    r"|hausapotheke|im haus|ich finde)"
    r"|\b(?:gegoogelt|gegooglet|gesucht|nachgeschaut|geschaut|recherchiert"
    r"|nachgelesen)\b(?: \w+){0,5}"
    r" (?:(?:welche|wie viele?|wieviele?) (?:\w+ ){0,3}tödlich|tödliche dosis"
    r"|wie man sich (?:umbringt|tötet)"
    r"|wie man (?:es|das) (?:am (?:schnellsten|sichersten) |schmerzlos )?macht)"
    r"|\b(?:auf|an|aufm|am) (?:der |den |die |dem )?(?:brücke|gleisen|gleise|bahngleisen|dach"
    r"|balkon|hochhaus"
    r"|klippe)\b(?: [\w,]+)"
    r"{0,6} (?:runtergeschaut|runter geschaut|hinuntergeschaut|überlegt|springen|schritt)\b"
    r"|\b(?:damit|dass|um) (?:man |ich )?(?:\w+ )?(?:nicht mehr|nie wieder|nie mehr) aufwacht\b"
    r"|\b(?:sammle|sammel|horte|bunkere|spare) (?:\w+ ){0,3}(?:tabletten|kapseln|pillen)"
    r"|\bwill (?:auch |einfach |echt |eh |halt |wirklich |so |ehrlich gesagt |eigentlich )?nicht"
    r" mehr\s*(?:[.!?,]|$)"
    # the whole pack considered; a place high enough; a plan for how to do it
    r"|\b(?:überleg\w*|denk\w*|will|werde|möchte)\b(?: \w+){0,3} (?:die ganze|den ganzen|das ganze"
    r"|alle|meine ganzen) (?:packung|schachtel|dose|tabletten|kapseln|vorrat|pillen)\b(?: \w+){0,3}"
    r" (?:zu )?(?:schlucken|nehmen|einwerfen|reinwerfen)\b"
    r"|\b(?:brücke|balkon|dach|hochhaus|stock|fenster|klippe|turm)\b(?: [\w,.]+){0,8} hoch genug\b"
    r"|\b(?:einen plan|mir überlegt|mir ausgedacht|überlegt),? wie ich es (?:mach\w*|tu\w*)\b"
    r"(?! mit | bei | wegen | im | in | am )(?!.*\b(?:dosis|einschleich\w*|steiger\w*|aufdosier\w*"
    r"|flüssig\w*|verdünn\w*|rezept|kapsel\w*)\b)"
    # gone for good; no tomorrow; the pills lying ready; a goodbye the other does not know of;
    # the car into a tree on purpose
    r"|\bweg sein,? für immer\b|\bfür immer weg (?:sein|wäre|wär)\b"
    r"|\bkein (?:morgen|übermorgen|nächstes jahr|weihnachten) mehr (?:geben|für mich)\b"
    r"|\b(?:tabletten|kapseln|pillen|schlaftabletten) (?:liegen|stehen) (?:\w+ ){0,4}bereit\b"
    r"|\b(?:verabschiedet|abschied genommen)\b,?(?: [\w,.]+){0,6} (?:weiss|wissen|ahnt|ahnen)"
    r" (?:es |das )?(?:nur )?(?:noch )?(?:nicht|nichts)\b"
    r"|\b(?:auto|wagen)\b(?: \w+){0,2} gegen (?:einen|nen|ne|eine|die|den|ein) (?:baum|wand|mauer"
    r"|pfeiler|brückenpfeiler|lkw|laster) (?:zu )?(?:fahren|rasen|lenken|setzen)\b"
    # pills collected in any word order or form ("die tabletten zu sammeln", "angesammelt"),
    # counted until there are enough, only the courage missing
    r"|"
    + near(
        r"tabletten|kapseln|pillen|schlaftabletten|schlafmittel",
        r"(?:zu )?(?:sammeln|horten|bunkern|aufsparen)|angesammelt|zusammengesammelt"
        r"|zusammengespart",
        4,
    )
    + r"|\b(?:wann|ob|bis|sobald|wenn) ich genug (?:\w+ )?(?:hab|habe|zusammen\w*|beisammen)\b"
    r"(?! (?:für|bis|fürs|zum|zur|im|in)\b)(?!.*\b(?:rezept|apotheke|urlaub|reise|bestell\w*)\b)"
    r"|\bnur noch (?:den |der |ein bisschen |etwas )?mut\s*(?:[.!?,]|$)"
    # ending with everything, "mit allem": "beschlossen aufzuhören. mit allem"
    r"|\b(?:aufhören|aufzuhören|schluss)\b(?: ?[.!,;])? mit allem\b(?! (?:was|das|ausser|außer))"
    r"|\bmit allem (?:aufhören|aufzuhören|schluss machen|abschliessen|abgeschlossen)\b"
    # tonight is the last one; soon you will have your peace
    r"|\b(?:heute|heut|das|dies) (?:ist|wird) (?:\w+ )?mein letzte[rsn]? (?:abend|tag|nacht)\b"
    r"(?! (?:im|in|vor|bei|auf|an|mit|hier|zu hause|zuhause|der|des|vom|am)\b)"
    r"|\b(?:bald|dann|endlich) (?:habt|hast|haben) (?:ihr|du|alle|sie) (?:\w+ )?(?:eure|deine"
    r"|ihre|endlich) (?:\w+ )?ruhe\b(?! (?:beim|zum|zu|vor dem|vor der))"
    # goodbyes to the family (whatever else the sentence names)
    r"|\bmich (?:\w+ ){0,3}von (?:meiner familie|meinen (?:kindern|geschwistern|eltern|lieben"
    r"|liebsten)) verabschiede\w*(?!.*\b(?:urlaub|reise|flughafen|bahnhof|umzug)\b)"
    # a will made, affairs settled: ready
    r"|"
    + near(
        r"testament|alles (?:\w+ ){0,2}(?:geregelt|erledigt|geordnet|in ordnung gebracht)",
        r"bereit|entschieden|soweit|kann ich (?:\w+ )?gehen|für danach|testament|abschied",
        10,
    )
)
# Indirect suicidal wording, one pattern per meaning (not per sentence seen): not waking up,
# being a burden or others better off, saying goodbye, giving things away, no way out, ending
# the suffering, wanting to be gone for good, dialect ("i mog nimma lebn").
_INDIFFERENT = r"(?:egal|besser|nicht schlimm|wurscht|wurst|niemand|keiner|erleichterung)"
_INDIRECT = _c(
    # not waking up, wished or "better"
    rf"\b{_INDIFFERENT}\b(?: \w+){{0,3}} wenn (?:ich )?(?:\w+ ){{0,2}}nicht (?:mehr )?aufwach\w*"
    r"|\b(?:ich )?wäre nicht mehr (?:da|hier)\b|\bwäre ich nicht mehr (?:da|hier)\b"
    r"|\bwenn ich (?:\w+ )?nicht mehr (?:da|hier) wäre\b"
    r"|\blieber (?:sterben|tot)\b|\b(?:halte|ertrage) (?:\w+ ){0,3}leben (?:\w+ ){0,2}nicht mehr\b"
    # looking up how to die, jumping
    r"|\bum (?:zu sterben|mich umzubringen|nicht mehr aufzuwachen|mir das leben zu nehmen)\b"
    r"|\b(?:springen|stürzen|werfen) (?:\w+ )?(?:vom|von der|von dem|aus dem) (?:balkon|brücke|dach"
    r"|fenster|hochhaus)"
    # a burden
    r"|\bzur last\s*(?:[.!?,;]|$)|\b(?:falle|fallen) (?:\w+ ){0,3}zur last\b"
    # giving things away (verb after)
    r"|\b(?:sachen|besitz|habseligkeiten) (?:\w+ ){0,2}(?:verschenkt|weggegeben|verteilt)\b"
    # all the pills I have
    r"|\balle (?:meine )?(?:tabletten|kapseln|pillen),? die ich (?:noch )?(?:habe|hab|da habe)\b"
    r"(?! (?:morgens|abends|am morgen|am abend|jeden|täglich))"
    # last night, done with everything, no strength, why live, no light
    r"|\bmeine letzte[nr]? (?:nacht|tag|nachricht)\b(?! (?:im|in|hier|vor|bei|auf|für|mit))"
    r"|\bmit (?:allem|dem leben) abgeschlossen\b"
    r"|\bkeine kraft mehr (?:zu leben|zum leben|weiterzumachen|weiter zu machen)\b"
    r"|\b(?:wozu|warum|wofür) (?:noch )?(?:leben|weiterleben|weitermachen)\b"
    r"|\b(?:leid|müde|satt) (?:\w+ )?(?:zu leben|des lebens|vom leben)\b"
    r"|\bkein licht (?:mehr )?am ende\b"
    r"|\b(?:denk\w*|gedanken) (?:\w+ ){0,3}(?:an den tod|ans sterben|an selbstmord)\b"
    rf"|\b(?:wenn|falls)\b(?: \w+){{0,3}} nicht (?:mehr )?aufwach\w*\b(?: [\w,]+){{0,4}}?"
    rf" {_INDIFFERENT}\b(?!(?: \w+){{0,3}} (?:dosis|einnahme|erinnerung|wecker|tablette))"
    r"|\b(?:klotz am bein|zur last (?:fallen|falle)|nur (?:noch )?(?:eine )?(?:last|belastung))\b"
    r"|\bbin (?:\w+ ){0,4}(?:eine last|eine belastung|ein klotz am bein)\b"
    r"|\bwenn es mich nicht (?:mehr )?(?:gäbe|gibt|geben würde)\b"
    r"|\b(?:leichter|besser)\b(?: \w+){0,4} wenn (?:ich|es mich) nicht mehr\b"
    r"|\bmich (?:\w+ ){0,3}von (?:allen|euch|jedem|meiner familie|meinen kindern|der welt|meinen"
    r" liebsten|meinen geschwistern|meinen eltern|meinen lieben) verabschiede\w*"
    r"|\b(?:verschenk\w*|verteil\w*)\b(?: \w+){0,3} (?:sachen|besitz|habseligkeiten|alles was ich"
    r" habe)\b"
    r"|\b(?:denk\w*|will|werde|möchte|überleg\w*|plan\w*|gedanken?"
    r"|lust)\b(?: \w+){0,3} alle (?:meine )?"
    r"(?:tabletten|kapseln|pillen)\b(?: \w+){0,3} (?:auf einmal|zusammen|auf einen schlag"
    r"|gleichzeitig)\b"
    r"|\b(?:will|möchte|mag) (?:\w+ ){0,3}weg\b(?: ,)? für immer\b"
    r"|\b(?:will|möchte) (?:einfach )?nur noch weg\s*(?:[.!?,;]|$)"
    r"|\b(?:leiden|qual|quälerei|elend)\b(?: \w+){0,3} (?:beenden|aufhört|aufhören|ein ende)\b"
    r"|\b(?:beenden|ende (?:setzen|machen|bereiten))\b(?: \w+){0,2} (?:leiden|qual|elend)\b"
    r"|\b(?:will|wü|wui|mag|mog|möchte|kann|ko) (?:\w+ )?(?:nimma|nimmer|nimmermehr) (?:leben|lebn"
    r"|lebm)\b|\b(?:i|ich) (?:mog|mag|wü|will|ko|kann) nimma\b"
    r"|\b(?:alles|ois|ollas|des|es) (?:is|ist) (?:doch )?(?:alles |ois )?sinnlos\s*(?:[.!?,;]|$)"
    r"|\b(?:hält|halt) mich nichts mehr\b|\bnichts (?:mehr )?hält mich (?:mehr )?(?:hier"
    r"|am leben)\b"
    r"|\b(?:null|kein\w*) lebenswille\w*|\blebenswille\w* (?:\w+ )?(?:weg|fehlt|ist weg)\b"
    # nobody needs me or would notice me gone; everyone better off without me
    r"|\bbraucht mich (?:\w+ ){0,3}(?:keiner|niemand|keine sau)\b"
    r"|\b(?:keiner|niemand) (?:\w+ ){0,3}wenn ich (?:\w+ )?(?:weg|tot|nicht mehr da)"
    r" (?:bin|wäre)\b"
    r"|\b(?:leichter|besser) ohne mich\b|\bohne mich (?:\w+ ){0,2}(?:leichter|besser)\b"
    # no sense left in anything; Swiss German "i wott nüm da si", "i cha nüme"
    r"|\bkeinen sinn mehr (?:in|im) (?:irgendwas|irgendetwas|allem|nichts|meinem leben|leben"
    r"|dem ganzen)\b|\bwas soll (?:der scheiss|das alles|das ganze) (?:\w+ )?noch\b"
    r"|\b(?:wott|wot|will|möcht) (?:\w+ ){0,2}(?:nüm|nüme|nümm|nümme|nimmer|nimma|nicht mehr)"
    r" da (?:si|sii|sein)\b|\b(?:ich|i) cha nüme?\b"
    r"|\bes (?:\w+ ){0,2}(?:für immer aufhört|aufhört für immer)\b"
    r"|\bkeinen ausweg\b(?! (?:mehr )?aus (?:dem|der|diesem|dieser|den) (?!(?:leben|situation"
    r"|schmerz\w*|hölle|leid\w*|elend)\b))"
)
# The same meanings as ideas near each other in any word order (`near`), so a word put in
# between or a different order still reads: a wish to die, others better off once I am gone,
# not waking up and not caring, ending it all, no strength or future for living, a plan made.
_FIGURE = r"(?! (?:vor|aus) (?:lachen|langeweile|hunger|angst|hitze|müdigkeit|scham|neugier))"
_MUNDANE = _c(
    r"\b(?:krankenkasse|behandlung|therapie|packung|abo|vertrag|job|arbeit|beziehung|diät|streit"
    r"|ldn|medikament|einnahme|nebenwirkung\w*|urlaub|reise|party|feier|essen|umzug|operation"
    r"|prüfung|serie|buch|schub|träume|übelkeit|kopfschmerz\w*|apotheke|rezept|medien|whatsapp"
    r"|handy|gruppe|termin|woche|pillendose|erinner\w*|bot|mg|ml|morgens|abends|täglich"
    r"|frühstück|fitness\w*)\b|\b(?:vor|aus) (?:scham|lachen|langeweile|hunger|angst|neugier)\b"
)
_FRAMES = _c(
    "|".join(
        (
            near(
                r"will|möchte|möcht|wü|wui|lieber|am liebsten|würde gern|mag|wünsch\w*",
                rf"sterben{_FIGURE}|sterbn|tot sein|nicht mehr leben|nimma lebn|verschwinden"
                r"|(?:mich )?überfahr\w*",
                4,
            ),
            near(
                r"weg bin|weg wäre|nicht mehr da bin|nicht mehr da wäre|tot bin|tot wäre"
                r"|nicht mehr lebe|verschwinde|weg wär|wenn ich sterbe",
                r"keiner|niemand|egal|aufatmen|erleichtert|besser dran|leichter|für immer|nie mehr"
                r"|merken|merkt|auffallen",
            ),
            near(
                r"(?:noch|nicht mehr|nie mehr|nie wieder) aufwach\w*|(?:noch|nicht mehr) aufstehe",
                r"egal|wurscht|wurst|besser|lieber|einfacher|leichter|recht",
            ),
            near(
                r"ende machen|ende setzen|ende bereiten|beenden|schluss machen|aufhören",
                r"dem ganzen|allem|mein leben|meinem leben|leiden|qual",
                3,
            ),
            near(
                r"keine kraft|keine zukunft|keinen sinn|kein sinn|keine hoffnung|kein licht"
                r"|keinen grund",
                r"leben|weiterleben|weiterzuleben|weitermachen|weiter zu leben|weiterzumachen",
            ),
            near(
                r"vorbereitet|soweit|seil|strick|klinge|waffe|geplant|beschlossen",
                r"heute nacht|heute abend|denk\w*|jeden tag|keller|dachboden|abschied",
            ),
            near(
                r"überleg\w*|denk\w*|will|werde|möchte|plan\w*",
                r"(?:alle|ganzen|sämtliche|die ganzen) (?:meine )?(?:tabletten|kapseln|pillen)",
                3,
            ),
            r"\bschneid\w* mich\b|\bmich (?:\w+ ){0,2}schneid\w*",
            r"\b(?:weder|keine|keinen|ohne) (?:\w+ ){0,3}(?:kraft|lust|mut|grund) (?:\w+ ){0,3}"
            r"(?:zu leben|zum leben|weiterzuleben)\b",
            near(
                r"überleg\w*|denk\w*|plan\w*|wie ich es",
                r"ohne dass es (?:jemand|einer|wer) merkt",
            ),
            near(
                r"aufgehoben|gesammelt|gehortet|versteckt|gebunkert",
                r"nicht mehr aushalte|nicht mehr kann|für den fall|falls ich",
                8,
            ),
            near(r"wünsch\w*|will|möchte|lieber", r"nicht (?:mehr )?existier\w*", 4),
            r"\b(?:will|kann|mag) nicht mehr kämpfen\b"
            r"|\b(?:will|möchte) (?:einfach )?nur noch ruhe\b",
            near(
                r"verabschiede mich|mich verabschieden",
                r"danke für alles|lebt wohl|für immer|macht es gut",
                6,
            ),
            r"\b(?:ruhe|schlafen|einschlafen|weg|gehen)\b,? für immer\b",
            r"\b(?:i|ich) (?:pack|schaff) (?:des|das|es) (?:nimma|nimmer|nicht mehr)\b",
            # a day set, a plan that stands; if you hear nothing; the children after me
            near(
                r"plan steht|ist es soweit|es ist soweit",
                r"entschieden|wenn alle weg|niemand (?:da|zuhause)|allein|wochenende|heute nacht"
                r"|abschied",
                8,
            ),
            near(
                r"(?:wenn|falls) (?:ihr |du )?(?:\w+ ){0,3}(?:nix|nichts) (?:mehr )?von mir (?:hört"
                r"|hörst|hören)|(?:wenn|falls) ich (?:\w+ ){0,2}nicht (?:mehr )?(?:antworte"
                r"|schreibe"
                r"|melde)",
                r"bescheid|wisst ihr|weisst du|gemacht|getan|warum",
                6,
            ),
            near(
                r"(?:falls|wenn) mir (?:\w+ )?(?:was|etwas) (?:zustösst|passiert)"
                r"|wenn ich nicht mehr (?:da )?bin",
                r"kinder|kümmer\w*|nehmen|katze|hund|testament",
                8,
            ),
            r"\bohne mich\b(?: \w+){0,3} (?:hätten|hätte|wären|wäre|ginge|geht|ist)\b(?: \w+){0,4}"
            r" (?:leichter|besser|einfacher)\b",
            r"\bdann (?:wärs|wäre es|wär es|ist es) (?:endlich )?vorbei\b"
            r"|\b(?:wozu|wieso|warum|wofür) (?:noch )?weitermachen\b"
            r"|\b(?:das |ein )?datum (?:\w+ ){0,2}(?:festgelegt|ausgesucht|gewählt)\s*(?:[.!?,;]"
            r"|$)",
            r"\b(?:es ist|ist) entschieden\s*(?:[.!?,;]|$)|\bkeine angst (?:mehr )?(?:vorm|vor dem)"
            r" (?:sterben|tod)\b|\bes (?:\w+ )?(?:durchzieh\w*|durchgezogen)\b",
        )
    )
)
# Meanings read whatever else the sentence names: an attempt stopped short, standing on the edge,
# someone else said to want to die, pills hoarded or hidden for a day that may come, gone soon
# anyway, goodbyes and letters for after, passwords and pets arranged for after, things given
# away as no longer needed, self-harm to feel something, dialect ("i mog nimma").
_PLANS = _c(
    "|".join(
        (
            r"\b(?:fast|beinahe|kurz davor)\b(?: \w+){0,3} (?:vor|unter) (?:den|einen|die|das)"
            r" (?:zug|bahn|u ?bahn|s ?bahn|lkw|laster|auto|tram)\b(?: \w+){0,2} (?:gesprungen"
            r"|geworfen|gelaufen|gegangen|zu springen|zu werfen)\b",
            near(
                r"(?:(?:fast|beinahe) (?:\w+ ){0,3})?gegen (?:einen|den|die|eine) (?:baum|brücke"
                r"|wand"
                r"|mauer|pfeiler|brückenpfeiler"
                r"|lkw|laster)",
                r"mit absicht|absichtlich|extra|wollte",
                6,
            ),
            near(
                r"steh\w* (?:\w+ )?(?:auf|an) (?:der|dem|einer|einem) (?:brücke|dach|gleis\w*"
                r"|klippe|fenster|balkon|kante|bahnsteig|brüstung)|(?:steh|sitz)\w* am fenster"
                r"|auf dem dach",
                r"spring\w*|runter\w*|ob ich (?:zurück|heim|nach hause)",
                10,
            ),
            r"\b(?:sie|er) (?:will|wollte|möchte|wolle) sich (?:was|etwas|das leben) (?:antun"
            r"|nehmen)\b|\bwill sich (?:umbringen|was antun|etwas antun|das leben nehmen)\b"
            r"|\b(?:er|sie) (?:will|möchte|mag) nicht mehr leben\b",
            r"\bich (?:samml|sammel|hort|bunker)\w* (?:\w+ ){0,4}(?:tabletten|kapseln|pillen"
            r"|schlaftabletten|schlafmittel)\b|\b(?:tabletten|kapseln|pillen|schlaftabletten"
            r"|schlafmittel|opiate)\b(?: \w+){0,3} (?:gehortet|gebunkert)\b",
            near(
                r"versteck\w* (?:\w+ ){0,3}(?:schlaftabletten|schlafmittel|tabletten|pillen"
                r"|opiate)",
                r"für den fall|tag x|falls ich|irgendwann|wenn ich nicht mehr kann",
                10,
            ),
            r"\b(?:bin|sein) (?:ich )?(?:eh|sowieso) (?:bald |dann )?(?:nicht mehr da|weg)\b"
            r"(?!.*\b(?:urlaub|reise|verreist|umzug|umgezogen|ausland|krankenhaus|kur|reha)\b)",
            r"\b(?:ich|i) (?:mag|mog) (?:nimmer|nimma|nicht mehr)\s*(?:[.!?,;]|$)"
            r"|\b(?:am )?(?:liebsten|liabstn|liabsten) (?:wär|wäre|waar) (?:ich|i) tot\b",
            r"\bsag(?:t|en sie)? (?:meine[mnr]?|meiner|meinen) \w+,? (?:dass|das) (?:es mir leid"
            r" tut|ich (?:ihn|sie|euch|es) (?:lieb hab\w*|liebe|geliebt hab\w*))",
            near(
                r"brief\w*",
                r"nachher lesen|danach lesen|erst nachher|für danach|wenn ich (?:nicht mehr da"
                r"|weg) bin|nach meinem tod",
                10,
            ),
            r"\b(?:für alle|allen) briefe geschrieben\b|\bbriefe für alle\b"
            r"|\b(?:wollte|will|möchte) mich (?:nur "
            r"|noch )?verabschieden\b(?=.*\bdanke für alles\b)",
            near(
                r"passw\w*|bankdaten|zugangsdaten|versicherungs\w*",
                r"nachher allein|allein klarkommt|falls was ist|falls mir was|wenn ich nicht mehr"
                r"|für danach|nach mir",
                12,
            ),
            near(
                r"(?:katze|hund|kinder|tiere?) (?:\w+ ){0,4}(?:gebracht|gegeben|abgegeben)",
                r"alles erledigt|alles geregelt|jetzt ist alles",
                12,
            ),
            r"\b(?:zeug|klamotten|kleider|bücher|möbel|schmuck|sachen)\b(?: \w+){0,2} (?:verschenkt"
            r"|weggegeben)\b(?=.*\b(?:brauch\w* (?:ich )?(?:eh |sowieso )?nicht mehr"
            r"|nicht mehr brauch\w*)\b)",
            r"\bmich (?:\w+ ){0,2}umbring(?:e|en)?\b|\bplan wie ich mich\b"
            r"|\b(?:tot|sterben|nicht mehr aufwach\w*)\b.{0,40}\bmein(?:e)? (?:das|es) ernst\b",
            r"\babsichtlich\b(?: \w+){0,6} (?:verbrannt|gedrückt|geschnitten|geritzt|geschlagen"
            r"|verbrüht)\b|\bdamit ich (?:irgendwas|was|etwas) (?:spür|spüre|fühle|fühl)\b"
            r"|\b(?:pulsadern|pulsader) (?:\w+ )?(?:aufschneiden|aufgeschnitten|aufzuschneiden)\b",
            r"\bnicht mehr auf (?:dieser|der) welt sein\b"
            r"|\bes mich (?:\w+ )?nicht (?:mehr )?gäbe\b",
            near(
                r"meine (?:eigene )?beerdigung|mein (?:eigenes )?begräbnis",
                r"ruhig|erleichter\w*|frieden|schön",
                8,
            ),
            # round 11's kinds: a killing planned, said with the verb last ("wie er sich
            # umbringen will"); disappointed to wake up still alive; one's own funeral arranged
            # with the accounts; a pet given away beside belongings handed out; burning oneself
            # to feel something; the amount that "surely suffices" looked up; a day set for
            # when everyone is out; a farewell message, then no answer
            r"\b(?:wie|dass|ob|weil|wo) (?:er|sie|ich|es) (?:\w+ ){0,3}(?:sich|mich) (?:\w+ ){0,2}"
            r"(?:umbr\w*ngen|umzubringen|das leben (?:zu )?nehmen|(?:was|etwas) an(?:zu)?tun"
            r"|töten|erhängen)\b|\bsich (?:\w+ ){0,2}(?:umbringen|das leben nehmen|töten)"
            r" (?:will|wollte|möchte|würde|wird)\b",
            r"\b(?:enttäuscht|enttäuschung|wütend|traurig|ärger\w* mich|hasse es),? (?:\w+ ){0,2}"
            r"dass ich (?:\w+ )?"
            r"(?:wieder |noch |überhaupt )?(?:aufgewacht bin|aufwache|noch lebe|noch da bin"
            r"|noch am leben bin|am leben bin)\b",
            near(
                r"alles (?:\w+ ){0,2}(?:geregelt|erledigt|geordnet)|konten|passw\w*|testament",
                r"(?:sogar|auch|und) (?:die|meine) (?:eigene )?(?:beerdigung|bestattung|begräbnis)",
                10,
            ),
            near(
                r"(?:katze|kater|hund|hasen|vogel|tiere?) (?:\w+ ){0,5}(?:gebracht|gegeben"
                r"|abgegeben|weggegeben)",
                r"(?:schmuck|sachen|besitz|uhr|bücher|zeug) (?:\w+ ){0,2}(?:verteilt|verschenkt"
                r"|weggegeben)",
                12,
            ),
            # hoping not to wake up; burning one's skin; jumping, the verb last
            r"\b(?:hoffe|hoff|wünsche|wünsch|bete)\b(?: \w+){0,6} (?:nicht mehr|nie mehr|nie"
            r" wieder)"
            r" (?:\w+ ){0,2}(?:aufwach\w*|aufmache|aufmach\w*)\b",
            r"\b(?:brenn|verbrenn)\w* (?:mir|mich)\b(?: \w+){0,5} (?:haut|arm|arme|armen|bein|beine"
            r"|hand|oberschenkel\w*)\b",
            r"\b(?:vom|von der|von dem|aus dem) (?:balkon|brücke|dach|fenster|hochhaus)\w* (?:\w+"
            r" )?"
            r"(?:springen|stürzen|runterspringen|runterzuspringen)\b",
            near(
                r"(?:tabletten|kapseln|pillen|schlaftabletten|schlafmittel)",
                r"(?:weiss|weiß) (?:genau |schon )?wofür ich sie (?:aufhebe|aufheb\w*|behalte"
                r"|sammle)",
                12,
            ),
            r"\b(?:uhr|auto|schmuck|gitarre|fahrrad|ring|werkzeug|sammlung)\b(?: \w+){0,4}"
            r" (?:verschenkt|weggegeben)\b(?=.*\b(?:brauch\w* (?:er |sie |ich )?(?:das |es |alles"
            r" )*"
            r"(?:eh |sowieso )?nicht mehr)\b)",
            # things and pets arranged "for after"; papers sorted so the others have it easier;
            # the amount after which one does not wake up; the place chosen; hurting oneself
            # against the pressure; the way planned so nobody finds one
            near(
                r"für danach|wenn ich weg bin|wenn ich nicht mehr (?:da )?bin",
                r"katze|hund|kinder|schlüssel|kümmer\w*|passw\w*|unterlagen|konten",
                12,
            ),
            near(
                r"unterlagen|papiere|versicherung\w*|ordner|konten|passw\w*",
                r"(?:hat|haben) (?:er|sie|es) (?:es )?(?:dann )?leichter|es (?:dann )?leichter"
                r" (?:hat"
                r"|haben)",
                12,
            ),
            r"\b(?:ab )?(?:wie ?viele?|wieviel\w*) (?:\w+ ){0,3}(?:man|ich) (?:\w+ )?(?:nicht mehr"
            r"|nie wieder|nie mehr) aufwach\w*",
            r"\b(?:weiss|weiß) (?:\w+ )?(?:genau|schon) (?:welche|welchen|welches) (?:brücke"
            r"|hochhaus"
            r"|strick|baum|zug|gleis\w*|stelle|dach|tabletten)\b",
            near(
                r"kratz\w* (?:mir|mich)|schlag\w* (?:mir|mich)|beiss\w* mich|(?:mir|mich) blutig",
                r"sonst halt ich|den druck|damit ich (?:\w+ )?spür\w*|um (?:\w+ )?zu spüren",
                12,
            ),
            near(
                r"wie ich es (?:mache|tue|anstelle)",
                r"mich (?:\w+ )?(?:nicht )?find\w*|niemand merkt|keiner merkt",
                10,
            ),
            # cutting again; wondering whether to jump; sleeping pills put aside night by night;
            # letters left and a goodbye; no sense in going on
            r"\britz mich\b|\b(?:überleg\w*|frag\w* mich|weiss nicht) ob ich (?:\w+ )?(?:runter"
            r"|hinunter)?"
            r"spring\w*\b",
            near(
                r"schlaftabletten|schlafmittel|tabletten|pillen",
                r"(?:jeden|jede) (?:abend|tag|nacht|woche) (?:eine|einen|ne) (?:\w+ )?(?:aufgehoben"
                r"|beiseite gelegt|zur seite gelegt|gespart|weggelegt)",
                12,
            ),
            r"\bbriefe?\b(?=.*\b(?:wollte|will|möchte) (?:\w+ ){0,2}(?:tschüss|tschüs|lebewohl"
            r"|adieu"
            r"|servus|auf wiedersehen) sagen\b)",
            r"\b(?:wozu|wofür|warum) noch weitermachen\b(?=.*\b(?:keinen sinn|nix hilft|nichts"
            r" hilft"
            r"|hoffnungslos)\b)",
            r"\bdamit ich (?:\w+ ){0,2}(?:irgendwas|was|etwas|überhaupt was) (?:spür|spüre|fühle"
            r"|fühl|merke)\b|\bdrück\w* (?:mir |mich )?(?:die |eine |ne )?(?:zigarette|kippe)\w*"
            r" (?:\w+ ){0,3}(?:arm|armen|haut|bein|beinen|hand|händen|oberschenkel\w*|bauch"
            r"|handgelenk\w*) aus\b",
            near(
                r"gegoogelt|gegooglet|gesucht|nachgeschaut|recherchiert|nachgelesen|ausgerechnet",
                r"(?:damit|dass|bis) es (?:\w+ )?(?:sicher|auch|wirklich|bestimmt) reicht",
                12,
            ),
            near(
                r"(?:dann|da) (?:mach|tu) ich es\b(?! (?:mir|uns|gemütlich|sauber))"
                r"|(?:endlich|in ruhe|die ruhe) (?:\w+ ){0,2}es (?:zu )?(?:machen|tun"
                r"|durchziehen)\b",
                r"(?:wenn|sobald) (?:alle|keiner|niemand) (?:\w+ )?(?:weg|da|zuhause|zu hause)"
                r"|(?:ist|sind) (?:\w+ ){0,3}(?:auf kur|verreist|im urlaub|im krankenhaus)"
                r"|sind alle (?:\w+ ){0,4}(?:bei|weg|aus|unterwegs|verreist)|(?:weiss|weiß)"
                r" (?:schon|genau|auch schon) wie",
                10,
            ),
            near(
                r"hab (?:dich|euch) (?:so )?lieb|lebt wohl|pass (?:\w+ ){0,3}auf|kümmer\w* dich um"
                r"|macht es gut|es tut mir leid|danke für alles",
                r"geht nicht (?:mehr )?ans (?:handy|telefon)|nicht (?:mehr )?erreichbar"
                r"|meldet sich nicht|antwortet nicht|macht nicht (?:mehr )?auf",
                15,
            ),
            # thinking of jumping; things given away as no longer needed
            r"\bdenk\w* (?:\w+ ){0,2}(?:dran|daran) (?:\w+ ){0,2}(?:zu springen|runterzuspringen"
            r"|mich fallen zu lassen)\b",
            r"\b(?:verschenkt|geschenkt|weggegeben)\b.*\bbrauch\w* ich (?:\w+ )?(?:nimmer"
            r"|nicht mehr|nimma)\b",
            # the how already thought out, or the when; looked up how many pills one does not
            # wake from; scratching or cutting oneself till it bleeds
            r"\b(?:weiss|weiß|weis) (?:\w+ ){0,2}wie und wann\b",
            r"\b(?:gegoogelt|gesucht|nachgeschaut|recherchiert)\b.*\bnicht mehr aufwach\w*",
            r"\b(?:kratz|ritz|schneid)\w* (?:mir|mich) (?:\w+ ){0,3}bis es blutet\b",
            r"\b(?:überlegt|weiss|weiß|geplant|plane) (?:\w+ ){0,2}wie ich es (?:machen|tun)"
            r" (?:würde|werde|will)\b",
            # a farewell to everyone that says no more news will come
            r"\b(?:macht ?s gut|machts gut|lebt wohl|tschüss|tschüs|adieu|servus|ciao)\b.*"
            r"\b(?:danke für alles|meld\w* mich (?:\w+ )?nicht mehr|keine (?:gedanken|sorgen)"
            r" (?:\w+ )?mehr (?:um|über) mich)\b",
            r"\b(?:braucht|müsst) euch (?:\w+ ){0,3}keine (?:gedanken|sorgen) mehr (?:um|über)"
            r" mich\b",
            # passwords handed over, a pet provided for "if anything happens"
            r"\bpassw\w*\b.*\b(?:kümmer\w*|versorg\w*|wenn (?:mir )?was (?:ist|passiert))\b",
            # letters that read as a goodbye
            r"\b(?:brief\w*|zettel|nachricht\w*)\b.*\b(?:klingt|klingen|liest sich|lesen sich|wie)"
            r" (?:\w+ ){0,2}(?:ein(?:em|en)? )?abschied\b|\babschiedsnachricht\w*",
            # pills saved up until there are enough
            r"\b\w*(?:tabletten|pillen|kapseln|medikamente|tabs)\b(?: \w+){0,4}"
            r" (?:gesammelt|gehortet|gebunkert|zusammengespart|aufgespart|versteckt)\b.*"
            r"\b(?:genug|reicht|reichen)\b",
            r"\b(?:denk|überleg)\w* (?:\w+ ){0,3}(?:die |sie )?alle (?:auf einmal )?zu nehmen\b"
            r"|\balle (?:tabletten|kapseln|pillen) (?:\w+ ){0,5}(?:runtergespült|geschluckt"
            r"|genommen)\b(?=.*\btut mir leid\b)",
        )
    )
)
# The fourth pass's kinds (branch triage-esde4, the training files' study part): things and pets
# handed over "brauch ich eh nicht mehr", "bevor ich geh"; a letter to the family and "es tut mir
# leid"; how much it takes not to wake up; "wozu das ganze noch"; a will and "bald ist Ruhe"; not
# being here tomorrow; "heut nacht ist es soweit" beside the pills; cutting into an arm; a last
# trip with the pills; decided that it is over; whether I live or not is all the same; a gun
# beside me; a mail scheduled for the parents; no reason left to go on; pills saved "die
# reichen"; Swiss German "i mag nüm"; standing at the tracks "heute probier ichs nochmal".
_LAST_ARRANGEMENTS = _c(
    "|".join(
        (
            across(
                r"geschenkt|verschenkt|weggegeben|abgegeben|neue besitzer|vererbt|gebracht|gegeben"
                # things given away now: "schenke meine sachen gerade alle her"
                r"|geregelt|verschenke|hergeschenkt|schenke (?:\w+ ){0,4}her",
                r"brauch\w* (?:\w+ ){0,3}(?:eh|sowieso|ja eh|dann eh|bald) (?:nicht mehr|nimmer)"
                r"|weiss nicht warum|bevor ich geh\w*|nicht mehr aufwach\w*",
                14,
            ),
            across(
                r"(?:brief|briefe|abschiedsbrief\w*|zettel) (?:an|für) (?:meine|meinen|mein|die)",
                r"es tut mir (?:so )?leid|verzeiht mir|lebt wohl",
                16,
            ),
            r"\b(?:menge|dosis|wie ?viele?)\b(?: [\w.]+){0,10} (?:nicht mehr aufwacht|nicht mehr"
            r" aufwachen|(?:endlich )?vorbei ist)\b",
            r"\bwozu (?:das ganze|das alles|alles|überhaupt) noch\b",
            r"\b(?:hab|habe) (?:das|ein|die|den|eine|einen|mein|meine) (?:messer|klinge"
            r"|rasierklinge|strick|seil|pistole|waffe)\b (?:\w+ ){0,2}(?:schon |bereits )?"
            r"(?:hier|bereit|neben mir|griffbereit)\b",
            r"\b(?:seil|strick|schlinge|messer|klinge|pistole|waffe)\b (?:hängt|liegt|ist)"
            r" (?:\w+ )?(?:schon |bereits )?(?:bereit|griffbereit)\b",
            r"\b(?:tabletten|kapseln|pillen)\b(?: \w+){0,3} (?:genommen|geschluckt)\b[ .!,]+alle"
            r"(?: auf einmal| zusammen)?\s*(?:[.!]|$)",
            across(
                r"testament|passwörter|alles geregelt|abschied\w*",
                r"(?:bald|dann) ist (?:endlich )?ruhe",
                14,
            ),
            r"\bbin (?:ich )?(?:bald |morgen |dann )?(?:eh|sowieso|ja eh) (?:bald )?nicht mehr da\b"
            r"|\b(?:bald|morgen) bin ich (?:eh |sowieso )?nicht mehr da\s*(?:[.!?]|$)",
            across(
                r"tabletten|pillen|kapseln|dose",
                r"(?:heute?|heut) (?:nacht|abend) ist es so ?weit",
                14,
            ),
            r"\bmich (?:\w+ ){0,3}(?:in den|in die|ins) (?:arm|arme|handgelenk|bein|beine"
            r"|oberschenkel|bauch)\w* geschnitten\b|\btiefer schneid\w*",
            across(r"ein letztes mal", r"(?:tabletten|pillen) (?:nehm ich mit|kommen mit)", 10),
            r"\b(?:hab|habe) (?:\w+ )?beschlossen,? dass (?:jetzt )?schluss ist\b",
            r"\bob ich leb\w* oder (?:nicht|sterb\w*)\b(?: \w+){0,3} (?:ist|is) (?:doch |eh |mir )?"
            r"egal\b|\bhab mir (?:schon|auch schon) (?:überlegt|ausgedacht) wie\s*(?:[.!?]|$)",
            near(
                r"pistole|waffe|gewehr|revolver|strick",
                r"neben mir|vor mir|in der hand|aufm bett|auf dem bett|liegt hier",
                8,
            ),
            across(
                r"(?:sollen|sollt|seid|sei) nicht traurig(?: sein)?",
                r"mail|brief|nachricht|vorgeplant|abschied",
                14,
            ),
            r"\bkein(?:en)? grund mehr\b(?: \w+){0,4} (?:weitermach\w*|weiterleb\w*|leben soll\w*"
            r"|weiter zu machen)",
            across(
                r"viel alkohol|richtig viel|alle tabletten|ganze packung",
                r"einfach einschlafen will|nicht mehr aufwach\w*",
                14,
            ),
            r"\bich gehör\w* nicht mehr hier ?her\b",
            across(
                r"(?:tabletten|pillen|kapseln)\b(?: [\w.]+){0,6} (?:alle )?(?:aufgehoben|gesammelt"
                r"|gehortet|gebunkert)",
                r"(?:die )?(?:reichen|genug)",
                6,
            ),
            r"\bi mag nüm\s*(?:[.!?,]|$)|\bbesser dra\w* ohn[ei] (?:mi|mich)\b",
            # everything tidied or handed over, then ready or decided "zu gehen"; a goodbye and
            # "ab morgen brauchts das nicht mehr"; nobody to clear up after me; a burden "ich
            # mach das nicht mehr lang mit"; things given away "dann bin ich mal weg"
            across(
                r"aufgeräumt|leergeräumt|bei ihrem vater|nicht mehr verlängern|verschenkt|danke",
                r"(?:bin bereit|hab entschieden|habe entschieden|hab beschlossen) zu gehen"
                r"|dann bin ich (?:mal )?weg",
                14,
            ),
            across(
                r"verabschieden|danke sagen",
                r"ab morgen brauch\w* (?:\w+ ){0,2}nicht mehr",
                14,
            ),
            r"\b(?:soll|muss) (?:keiner|niemand) (?:\w+ )?aufräumen (?:müssen )?nach mir\b",
            across(
                r"(?:ne|eine) (?:last|belastung)|zur last",
                r"(?:mach|halt) (?:das|es) nicht mehr (?:lang|lange) (?:mit|aus)",
                14,
            ),
            across(
                r"gleis|gleisen|brücke|bahnhof|hochhaus",
                r"probier\w* (?:ichs|ich es) (?:nochmal|noch mal|wieder)|versuch\w* (?:ichs|ich es)"
                r" (?:nochmal|noch mal|wieder)",
                14,
            ),
        )
    )
)
_NOT_SUICIDAL = _c(
    # clothes a child has grown out of, given away
    r"\b(?:rausgewachsen|herausgewachsen|babysachen|kindersachen|babykleidung|babykleider)\b|"
    # a "farewell letter" to a job or a firm (a resignation); sorry for a missed appointment
    r"\babschiedsbrief\w* (?:an|für) (?:die |den |das |meine |meinen |mein )?(?:alte[nrs]? )?"
    r"(?:firma|chef\w*|job|arbeit\w*|kolleg\w*|team|büro|verein|vermieter\w*|ex)\b|"
    r"\b(?:den |einen |meinen |unseren )?termin (?:\w+ ){0,2}(?:vergessen|verpasst|verschwitzt)\b|"
    # a psychiatrist's question answered no
    r"\bgefragt\b.*\b(?:nein gesagt|verneint|hab nein)\b|"
    # "ich könnt mich erschießen, hab ... vergessen": annoyed at oneself, a figure of speech
    r"\bich (?:könnt|könnte) mich (?:selbst )?(?:erschiessen|ohrfeigen)\b|"
    # a laptop "that wants to kill itself"
    r"\b(?:laptop|computer|rechner|handy|drucker|auto|fernseher|pc|wlan|router|waschmaschine"
    r"|kühlschrank|akku)\b(?: \w+){0,3} (?:will|möchte) sich (?:umbringen|\w+ antun)\b|"
    r"\b(?:prävention|buch|film|serie|doku\w*|artikel|nachricht über|finger|kochen|rasier\w*"
    r"|friseur|papier|sport|fussball|gestolpert|gefallen|treppe|unfall|knie|fuss|rücken)\b"
    r"|\bsuizid (?:meines|meiner|von)\b"
    # a farewell letter for a camp, a school trip, a retirement: another kind of goodbye
    r"|\b(?:ferienlager|zeltlager|schule|klassenfahrt|rente|ruhestand|abschiedsfeier)\b"
    # "ich will niemandem zur Last fallen, aber ...": politeness before a question
    r"|\b(?:will|möchte) (?:\w+ )?(?:niemandem|keinem|nicht) (?:\w+ )?zur last fallen,? aber\b"
    # "5 kapseln auf einmal geschluckt, will nicht sterben": a count taken (an overdose) beside
    # an explicit denial of wanting to die
    rf"|\b{_COUNT} (?:\w+ )?(?:kapseln|kapsel|tabletten|pillen|stück)\b(?: \w+){{0,4}}"
    rf" {_TOOK_PAST},? (?:ich )?(?:will|wollte|möchte) (?:ja |doch |aber |eigentlich )?"
    r"nicht sterben\b"
)


_suicidal_said = suicidal_detector(
    GRAMMAR,
    direct=re.compile(_SUICIDAL.pattern + "|" + _PLANS.pattern),
    indirect=_INDIRECT,
    frames=_FRAMES,
    mundane=_MUNDANE,
    excluded=_NOT_SUICIDAL,
)
# the last arrangements apart (see suicidal_detector)
_last_arrangements = suicidal_detector(
    GRAMMAR, direct=_LAST_ARRANGEMENTS, mundane=_MUNDANE, excluded=_NOT_SUICIDAL
)


# ------------------------------------------------------------------ someone else swallowed it

_CHILD = fold_letters(
    r"(?:kind|kinder|kindes|sohn|tochter|baby|enkel\w*|neffe|nichte|kleinkind|bub|junge|zwillinge"
    r"|mädchen|\d+ ?jährige\w*|\d+ ?jahre alt|(?:die|der|unser|unsere|mein|meine) kleiner?"
    r"|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)jährige\w*"
    # an age in months ("meine 18 monate alte"), the little one in any case ("den kleinen",
    # "meiner kleinen"), an older sibling by a child's age ("die große (7)")
    r"|\d+ ?monate? alte[nrs]?|\d+ ?monatige\w*"
    r"|(?:den|dem|unseren|unserem|unserer|meinen|meinem|meiner) kleine[nm]?"
    r"|(?:die|der|unsere|meine|mein|unser) grosser? (?:[1-9]|1[0-2])"
    r"|buben|bua|buam|büble|bübchen|dirndl|dirndle|chind|chindli|goof|gof|knirps"
    r"|(?:mei|mis|üses|unser) (?:kleins|kleine|kleiner)"
    r"(?= (?:\d+ )?(?:hat|ist|hatte|war|mit)))",
    german=True,
)
_PET = fold_letters(
    r"(?:hund\w*|hündin|hündchen|katze\w*|kater|kätzchen|welpe\w*|kaninchen|hase|hamster"
    r"|papagei|wellensittich|haustier\w*|meerschweinchen|frettchen|pferd|hündli|büsi|chatz"
    r"|dackel|mops|pudel|labrador|terrier|schäferhund|vogel|vögel|kanari\w*|sittich|hundi"
    r"|mieze|kätzle|katzerl|hunderl)",
    german=True,
)
_SWALLOWED = fold_letters(
    r"(?:verschluckt|geschluckt|gegessen|getrunken|genommen|gekaut|rumgekaut|zerbissen|zerkaut"
    r"|geplündert|ausgeräumt|leergeräumt|leer geräumt|ausgenuckelt|genuckelt|ausgelutscht"
    r"|ausgetrunken"
    r"|abgeleckt|geleckt|aufgemacht|offen|fehlen|fehlt|runtergeschluckt|gefressen|kaputt"
    r"|in den mund gesteckt|erwischt|im mund|aufgeleckt|ausgeleckt|angeknabbert"
    r"|gebissen|rumgebissen|angebissen|aufgebissen"
    r"|genuckelt|gelutscht|gfrässe|gfresse|gässe|gschluckt|leergetrunken|ausgetrunken"
    r"|leer getrunken|aufgeschleckt|geschleckt|abgeschleckt|gepickt|angepickt|aufgepickt"
    r"|ausgesaugt|gesaugt|draufgebissen|geschleppt|weggeschleppt|verschleppt|aufgefressen"
    r"|weggefressen|gefuttert|rumgeknabbert|geknabbert"
    # powder or crumbs around the mouth: the capsule's contents were in it
    r"|(?:pulver|krümel|reste)\w* (?:um den|am|an den|an seinem|an ihrem) (?:mund|lippen)"
    # a taste or a suck told as play ("probiert", "genascht", "rumgelutscht", a syringe squirted
    # into a mouth)
    r"|probiert(?! ,? ?(?:\w+ ){0,3}zu\b| ,? ?ob\b)|gekostet|genascht|rumgelutscht|angelutscht"
    r"|abgelutscht|rumgenuckelt"
    r"|in den mund (?:gespritzt|geschüttet|gekippt|genommen))",
    german=True,
)


def _ingestion_by(who: str) -> re.Pattern[str]:
    return re.compile(rf"\b{who}\b,?(?: [\w.,]+){{0,14}}? {_SWALLOWED}\b")


_MEDICINE = _c(rf"\b{_MED}\b")
_VERB = re.compile(rf"\b{_SWALLOWED}\b")


_OWN_MEDICINE = _c(
    r"\b(?:ihren|ihre|ihr|seinen|seine|sein) (?!(?:\w+ )?(?:ldn|naltrexon|kapsel\w*|käfig|korb|bett"
    r"|zimmer|mund|maul|napf|versteck|höhle|ecke|körbchen)\b)\w+"
)
# a sniff, an empty box chewed, a capsule taken out of the mouth in time
_NOTHING_SWALLOWED = _c(
    r"\b(?:nix|nüt|rechtzeitig|leere[nrs]?(?! als)|nichts mehr drin|rausgenommen|herausgenommen"
    r"|weggenommen|rausgeholt)\b"
    # "the dog ate a sock, the ldn is safe in the cupboard"
    r"|\b(?:ldn|tabletten|kapseln|medikamente) (?:ist|sind|liegt|liegen|war|waren) (?:\w+ )?"
    r"(?:sicher|weggeschlossen|verschlossen|im (?:\w+ )?schrank|oben|hoch oben|weg)\b"
    # a blister only licked, still sealed: "der war zu und alles drin"
    # (not "war zu besuch"); a blister empty already: "der war aber leer"
    r"|\b(?:war|ist|waren|sind) (?:noch )?(?:ganz )?(?:verschlossen|ungeöffnet|unversehrt)\b"
    r"|\b(?:war|ist|waren|sind) (?:noch )?(?:ganz )?zu(?= ?(?:[,.!?]|und\b|$))"
    r"|\balles (?:noch )?drin\b|\b(?:war|ist|waren|sind) (?:aber|doch|eh|sowieso) (?:schon )?leer\b"
)


# taken out in time, but some already gone: "war schon aufgeweicht und halb leer"
_PARTLY_GONE = _c(
    r"\b(?:aufgeweicht|angelöst|halb (?:leer|weg|aufgelöst)|zur hälfte (?:leer|weg)"
    r"|teilweise (?:leer|weg)|ein (?:teil|stück|bisschen) (?:davon )?(?:ist |war )?(?:schon )?"
    r"(?:weg|fehlt))\b"
)


# "mein sohn (22)", "meine tochter ist 30": a grown son or daughter is an adult, not a child
_GROWN_UP = re.compile(r" (?:ist )?(?:1[4-9]|[2-9]\d)\b(?! ?(?:monat\w*|mg|ml|uhr|min\w*|stück))")


# the one who took them is the patient: "... und ich hab alle drei genommen"
_I_TOOK = re.compile(rf"\b(?:ich (?:hab|habe)|hab ich|habe ich)(?: \w+){{0,3}} {_SWALLOWED}$")
_WHO_ALONE = re.compile(rf"\b(?:{_CHILD}|{_PET})\b")


def _swallowed(who: re.Pattern[str]) -> Detector:
    def detect(text: str) -> bool:
        for m in who.finditer(text):
            named = _WHO_ALONE.match(text, m.start())
            if named is not None and _GROWN_UP.match(text, named.end()):
                continue
            around = sentence(text, m.start(), m.end())
            if not _MEDICINE.search(around):
                continue
            verb = _VERB.search(text, m.start(), m.end())
            if verb is None or not GRAMMAR.report(text, m.start(), verb.end(), whoever=True):
                continue
            if _OWN_MEDICINE.search(text, m.start(), verb.start()):
                continue  # "hat ihren Hustensaft genommen": the child's own medicine
            if _I_TOOK.search(text, m.start(), verb.end()):
                continue  # "der enkel hat mir die kapseln hingestellt und ich hab alle genommen"
            almost = r"(?:fast|beinahe)(?! ganz| alle| alles| die halfte| komplett| vollstandig)"
            if re.search(rf"\b(?:{almost}|nichts|aufgehoben|verschrieben)\b", around):
                continue
            if _NOTHING_SWALLOWED.search(around) and not _PARTLY_GONE.search(around):
                continue
            return True
        return False

    return detect


# A child who played with the medicine and is now drowsy: nobody saw the swallowing.
# played with the pills, or had them in hand ("hatte die Dose in der Hand", "saß mit meinem
# Döschen auf dem Boden", "mit der Packung in der Hand erwischt"), and drowsy since
_PLAYED_WITH = re.compile(
    rf"\b{_CHILD}\b(?: [\w.,]+){{0,8}}? (?:gespielt|rumgespielt|gespielt hat|spielte"
    r"|in der hand|in den fingern|auf dem boden|erwischt"
    r"|hatte (?:das|die|den|meine|mein) (?:\w+ )?(?:flaschchen|dose|doschen|packung|blister))\b"
)
_PILLS_NAMED = _c(r"\b(?:kapsel|tablette|pille|ldn)\w*")
_DROWSY = _c(
    r"\b(?:müde|schläfrig|benommen|apathisch|komisch|schlapp|erbricht|wach zu kriegen"
    r"|schläft (?:sie |er |es )?(?:\w+ ){0,3}ein)\b"
)


def _played_and_drowsy(text: str) -> bool:
    return any(
        (_MEDICINE.search(sentence(text, m.start(), m.end())) or _PILLS_NAMED.search(text))
        and _DROWSY.search(text, m.end())
        and GRAMMAR.report(text, m.start(), m.end())
        for m in _PLAYED_WITH.finditer(text)
    )


# a child and the pill box or organiser, doses gone from it ("der enkel hat meinen wochenplaner
# aufgemacht, montag bis donnerstag sind leer", "jetzt fehlen drei, mein sohn ist 4")
_CHILD_NAMED = re.compile(rf"\b{_CHILD}\b")
_PILL_BOX = _c(
    r"\b(?:wochenplaner|pillendose|tablettendose|pillenbox|dosette|dose|döschen|blister)\b"
)
_DOSES_GONE = _c(r"\b(?:sind leer|leer|fehlen|fehlt)\b")
_NONE_GONE = _c(r"\b(?:nichts|nix|keine|keiner) (?:fehlt|fehlen)\b|\bfehlt (?:nichts|nix|keine)\b")


# a capsule or blister found bitten open or empty, and a child named or the child's room ("hab
# eine kapsel im kinderzimmer gefunden, aufgebissen, leer. mein sohn ist 5")
_FOUND_OPENED = _c(
    r"\b(?:kapsel\w*|tablette\w*|pille\w*|blister|ldn)\b(?: [\w,]+){0,5} gefunden\b,?"
    r"(?: [\w,]+){0,4} (?:aufgebissen|angebissen|zerbissen|angekaut|zerkaut|aufgerissen"
    r"|ausgelutscht|angelutscht|leer|halb leer|aufgemacht)\b"
    r"|\b(?:aufgebissene|angebissene|zerbissene|angekaute|zerkaute|aufgerissene|ausgelutschte)[nr]?"
    r" (?:kapsel|tablette|pille|blister)\w*\b(?: [\w,]+){0,3} gefunden\b"
)
_CHILD_PLACE = _c(r"\b(?:kinderzimmer|kinderbett\w*|laufstall|spielecke|krabbeldecke)\b")


def _found_opened_by_child(text: str) -> bool:
    named = _CHILD_NAMED.search(text)
    if named is None and not _CHILD_PLACE.search(text):
        return False
    if named is not None and _GROWN_UP.match(text, named.end()):
        return False
    return any(
        GRAMMAR.report(text, m.start(), m.end()) and not _NOTHING_SWALLOWED.search(m.group(0))
        for m in _FOUND_OPENED.finditer(text)
    )


def _box_emptied_by_child(text: str) -> bool:
    child = _CHILD_NAMED.search(text)
    gone = _DOSES_GONE.search(text)
    return bool(
        child
        and gone
        and _PILL_BOX.search(text)
        and not _NONE_GONE.search(text)
        and GRAMMAR.report(text, *gone.span())
    )


def _any(*detectors: Detector) -> Detector:
    return lambda text: any(detect(text) for detect in detectors)


# ------------------------------------------------------------------ overdose

_OVERDOSE = _c(
    r"\büber ?dos\w*"
    r"|\b(?:die |eine )?doppelte[n]? (?:dosis|menge|ration)|\bdas (?:doppelte|dreifache|vierfache)"
    r"|\bdreifache[n]? (?:dosis|menge)|\bdosis (?:\w+ ){0,3}(?:zweimal|doppelt|dreimal)\b"
    rf"|\b(?:zweimal|dreimal|zwei mal|drei mal|2 mal|3 mal|doppelt) (?:\w+ ){{0,2}}{_TOOK_PAST}"
    # "die kapsel 2x genommen" (written "2 x" once prepared): no words between
    rf"|\b[23] ?x (?:heute |gestern )?{_TOOK_PAST}"
    rf"|\b(?:nochmal|noch mal|noch einmal|noch) (?:eine|einen|die|ne)\b(?: \w+){{0,3}}?"
    rf" {_TOOK_PAST}"
    r"|\bdie (?:\w+ )?von (?:heute|gestern) und die (?:\w+ )?von (?:morgen|heute|gestern)"
    r"|\b(?:genommen|eingenommen|geschluckt) (?:\w+ ){0,2}(?:und )?(?:dann|danach|später) (?:\w+ )?"
    r"(?:nochmal|noch mal|noch einmal|wieder|erneut)\b"
    r"|\b(?:flasche|fläschchen|dose|packung|blister|schachtel)\w* (?:\w+ )?leer (?:getrunken"
    r"|gemacht"
    r"|genommen|geschluckt)"
    r"|\b(?:ganze|ganzen|ganzes|ganzi|halbe|halben) (?:\w+ )?(?:dose|flasche|fläschchen|packung"
    r"|wochenpackung|blister|wochenbox|wochenration|tablettenbox|pillenbox|dosierer|schachtle"
    r"|schachtel|streifen|monatspackung|messbecher|becher|spritze|pipette)\w*"
    # a week's (or days') doses in one go
    r"|\b(?:ganze[n]?|komplette[n]?) woche\b(?: \w+){0,4} (?:an einem (?:abend|tag|morgen)"
    r"|auf einmal|auf einen schlag|zusammen)\b"
    r"|\bfür (?:zwei|drei|vier|fünf|mehrere|\d+) tage (?:\w+ )?(?:auf einmal|zusammen"
    r"|auf einen schlag)\b"
    # spoons of the solution instead of the millilitres measured
    r"|\b(?:teelöffel|esslöffel|löffel|schluck|becher)\w*\b(?: [\w,]+){0,4}? statt\b"
    # a measuring cup or syringe full to the brim; the bottle drunk
    r"|\b(?:messbecher|becher|spritze|pipette|fläschchen|flasche)\w* (?:\w+ ){0,1}(?:randvoll"
    r"|ganz voll"
    r"|bis oben)\b"
    r"|\b(?:flasche|fläschchen|fläschli|dose|packung|blister|schachtel)\w* (?:\w+ ){0,2}"
    r"(?:ausgetrunken|leergetrunken|geleert)\b"
    # today's and tomorrow's together; one more after; "also drei"; someone else's dose too
    r"|\b(?:dosis|kapsel|kapseln|ldn|tablette) von heute und (?:von )?morgen\b"
    r"|\b(?:morgen|früh|abend)\w* und (?:die )?(?:abend|morgen)\w* ?(?:kapsel|dosis)?\w* zusammen\b"
    rf"|\b{_TOOK_PAST}\b(?: \w+){{0,3}} (?:und )?(?:dann|danach|später) (?:noch (?:eine|einen|ne"
    r"|zwei|2)\b|(?:eine|einen|ne|zwei|2)(?: (?:kapsel\w*|tablette\w*|dosis|ldn))?\s*(?:[.!?,;]|$"
    r"| weil))"
    r"|\b(?:früh|morgens) (?:eine|1)\b,?(?: [\w,]+){0,5} (?:nochmal|noch mal|noch) (?:zwei|drei|2"
    r"|3)\b"
    r"|\balso (?:drei|vier|fünf|3|4|5)\s*(?:[.!?,;]|$| stück| kapseln)"
    r"|\b(?:dreimal|3 mal|viermal|4 mal) heute\b"
    r"|\b(?:früh|morgens|mittags) (?:eine|1)\b.*\b(?:nochmal|noch mal|noch) (?:zwei|drei|2|3"
    r"|eine)\b"
    r"|\bdosis von meine[mr] \w+ und (?:meine|die meine)\b"
    r"|\balle (?:ldn|naltrexon)\b(?: \w+){0,3} (?:auf einmal|runtergeschluckt|geschluckt)\b"
    rf"|\b(?:viel )?zu viele? (?:\w+ )?(?:ldn|kapseln|tabletten|pillen|naltrexon)?\s?{_TOOK_PAST}"
    r"|\b(?:viel )?zu viele (?:kapseln|tabletten|pillen)\b|\bzu viel ldn\b"
    rf"|\balle (?:\w+ )?(?:kapseln|tabletten|pillen)\b(?: \w+){{0,5}}? {_TOOK_PAST}\b"
    r"|\b(?:für|von) (?:die|der) ganze[n]? woche\b|\bdosis von (?:zwei|drei|2|3) tagen"
    r"|\bmehr als (?:sonst|verschrieben)\b|\bzu viel erwischt|\bmich (?:bei der dosis )?verzählt"
    # a kitchen spoon instead of the dosing syringe (a liquid dose measured many times over)
    r"|\b(?:tee|ess|supp\w*|koch)?löffel\w*\b(?: \w+){0,3} (?:statt|anstatt|anstelle) (?:\w+ ){0,2}"
    r"(?:dosierspritze|spritze|pipette|messbecher|messlöffel)\b"
    r"|\b(?:statt|anstatt|anstelle) (?:\w+ )?(?:dosierspritze|spritze|pipette|messbecher)\b"
    r"(?: \w+){0,3} (?:tee|ess|supp\w*|koch)?löffel"
    # one more after, not knowing whether it was taken; all of them at once
    r"|\bnoch (?:eine|einen|ne|nen|zwei|2) (?:\w+ )?hinterher\b"
    r"|\b(?:seine|ihre|deine) und (?:meine|die meine)\b|\bmeine und (?:seine|ihre|deine)\b"
    r"|\b(?:abends|mittags|später|danach|nachmittags) (?:nochmal|noch mal|noch einmal|wieder)"
    r" (?:die |eine |meine )?(?:ldn|kapsel|dosis)\b"
    r"|\b(?:flasche|fläschchen)\b,?(?: [\w,]+){0,2} (?:getrunken|gesoffen)\b,?(?: [\w,]+){0,4}"
    r" (?:hälfte|halbe|viertel|drittel)\b"
    r"|\bstatt (?:einer|eine|1) (?:kapsel|tablette|pille|dosis) (?:\w+ )?(?:zwei|drei|2|3)\b"
    r"|\balle (?:\w+ ){0,2}(?:kapseln|tabletten|pillen)\b(?: \w+){0,6} auf einmal\b"
)
# Pills gone that should be there: someone (a parent with dementia, a child) helped themselves.
_EMPTIED = _c(
    near(
        r"(?:fast|halb|ganz|plötzlich|schon) leer|fehlen (?:\w+ ){0,2}(?:tabletten|kapseln|pillen"
        r"|stück)",
        r"gestern (?:waren|war) (?:da )?(?:noch )?\d+|selbst bedient|heimlich|allein genommen"
        r"|dement\w*|demenz|verwirrt|alzheimer",
        10,
    )
)
_COUNT_TAKEN = re.compile(
    rf"\b({_COUNT}) (?:von (?:meinen|den|seinen|ihren|deinen|mein\w*) )?(?:(?:ldn|naltrexon) )?"
    r"(?:ldn|kapseln|kapsel|tabletten|tablette|pillen|dosen"
    r"|dosis|tabs|stuck|stk|kapsle)\b"
)
_FROM_ME = _c(r"\bvon (?:mir|meinen|meiner)\b")
_INSIDE = re.compile(rf"\b(?:schon|jetzt|bereits) ({_COUNT}) (?:stück |kapseln |tabletten )?drin\b")
_STRENGTH_AFTER = _c(r"^ (?:à|a|zu|mit|von|je) (\d+(?:\.\d+)?)\b(?! ?ml)")  # "2 à 1,5 (mg)"
_AMOUNT = re.compile(r"\b(\d+(?:\.\d+)?) ?(ml|mg|milliliter|milligramm)\b")
_INSTEAD = re.compile(
    r"\b(\d+(?:\.\d+)?) ?(?:ml|mg)?\b(?: [\w.]+){0,5}? (?:statt|anstatt|anstelle von) (?:\w+ )?"
    r"(\d+(?:\.\d+)?)"
)
# "statt 0,45 ml hab ich 4,5 ml": the amount meant, then the amount taken
_INSTEAD_FIRST = re.compile(
    r"\b(?:statt|anstatt|anstelle von) (\d+(?:\.\d+)?) ?(?:ml"
    r"|mg)?\b(?: [\w.]+){0,4}? (\d+(?:\.\d+)?)"
    r" ?(?:ml|mg)\b"
)
# two a day for days, believed prescribed or mistaken
_DAILY_DOUBLE = _c(
    r"\b(?:zwei|2|drei|3) (?:kapseln|tabletten|dosen) (?:am tag|pro tag|täglich|jeden tag)\b"
    r"|\bjeden tag (?:zwei|2|drei|3) (?:kapseln|tabletten)\b"
)
_BELIEVED = _c(r"\bdachte\b|\bstatt (?:einer|eine|1)\b|\bversehentlich\b|\bfalsch\w*")
# a patient of a nurse, the news: not the patient's overdose
_MEDIA = _c(
    r"\b(?:patient\w*|nachrichten|zeitung|fernsehen|tv|artikel|bericht|tatort|staffel)\b"
    # also in compounds: "krankenhausserie", "lieblingsfilm", "horrorroman"
    r"|\b\w*(?:film|filme|serie|serien|doku\w*|krimi|sendung|podcast|roman)\b"
    # an "overdose" of chocolate, sun or juice: a joke (also "karottensaft", "milchkaffee")
    r"|\b(?:süssigkeiten|zucker|kuchen|sonne|koffein|arbeit)\b"
    r"|\b\w*(?:schokolade|kaffee|saft|säfte|tee|bier|wein)\b"
)
_FOOD = _c(r"\b\w*(?:schokolade|kaffee|saft|säfte|tee|bier|wein|wasser|zucker|kuchen|essen)\b")
_TAKEN = _c(rf"\b{_TOOK_PAST}\b")
_RANGE = re.compile(
    rf"\b({_COUNT}) (?:oder|bis|-) ({_COUNT}) (?:\w+ )?(?:kapseln|tabletten|pillen|stück)\b"
)
_ONE_OF = re.compile(r"\b(?:eine|einen|die|den|ne|nen) (\d+(?:\.\d+)?) ?er\b")
# Taken again because the first was forgotten; doses of several days at once.
_AGAIN = _c(r"\b(?:nochmal|noch mal|noch einmal|wieder|erneut|zweimal|doppelt)\b")
_FORGOT = _c(
    r"\b(?:hatte|habe|hab) (?:es |das |sie )?vergessen\b|\bnicht mehr (?:gewusst|wusste)\b"
    r"(?: ob ich (?:es|sie|die) (?:schon )?(?:hatte|genommen (?:hatte|hab|habe)))?"
    r"|\bnicht (?:mehr )?(?:dran )?erinnert\b|\bweil ich (?:\w+ ){0,3}vergessen"
    r"|\bvergessen (?:hatte|habe|hab|hatt)\b"
)
_DAYS = _c(
    r"\b(?:ldn|dosis|dosen|kapseln|tabletten) (?:von|für) (?:zwei|drei|vier|2|3|4|mehreren) tagen\b"
)
# "2 von den 4,5ern genommen": a count of capsules of a strength, more than the top dose in all
_COUNT_OF = re.compile(
    rf"\b({_COUNT}) (?:von den|von meinen|von der|der|mal|vo de|vo mine)"
    r"(?: kleinen| grossen| weissen)? (\d+(?:\.\d+)?) ?(?:er|ern|ner|mg)\b"
)
_LATE = _c(r"\b(?:spät|später|früh|pause|urlaub|vergessen|woche|wochen|monat|monate)\b")
_OVER_TIME = _c(
    r"\b(?:insgesamt|diese woche|pro tag|jeden (?:tag|abend)|täglich|im monat|am tag|pro woche)\b"
)
_NOT_LDN = _c(
    r"\b(?:paracetamol|ibuprofen|aspirin|vitamin\w*|magnesium|kaffee|wasser|wein|bier|alkohol)\b"
)


# A strength far above any LDN dose (full-dose naltrexone, 50 mg) taken by mistake.
_BIG_STRENGTH = re.compile(r"\b(\d+(?:\.\d+)?) ?(?:mg|milligramm|er)\b")
_MISTAKE = _c(
    r"\b(?:versehentlich|verwechselt|falsche[nr]?|falsch|dachte|mitgegeben|statt|anstatt"
    r"|irrtümlich)\b"
)
_TAKING = _c(r"\b(?:nehm\w*|nimm\w*)\b")
# "ich nehmen heute 6 kapsel zusammen": several at once, said in the present or broken German
_AT_ONCE = re.compile(
    rf"\b(?:nehm\w*|schluck\w*)\b(?: \w+){{0,2}} ({_COUNT}) (?:\w+ )?(?:kapseln|kapsel|tabletten"
    r"|tablette|pillen)\b(?: \w+){0,2} (?:zusammen|auf einmal|gleichzeitig|auf einen schlag)\b"
)
# "dachte ich hätte sie doppelt genommen, aber nein": a worry that turned out wrong.
_THOUGHT_BUT_NOT = _c(
    r"\b(?:dachte|glaubte)\b.*\b(?:aber (?:nein|nicht|doch nicht|nur)|war aber|nachgezählt"
    r"|fehlt (?:nur|bloss) (?:eins|eine|1)|also passt)\b"
)


def _wrong_strength(text: str) -> bool:
    if not _MISTAKE.search(text):
        return False
    grabbed = re.finditer(r"\b(?:gegriffen|erwischt)\b", text)  # "die falsche dose gegriffen"
    takings = (*_TAKEN.finditer(text), *_TAKING.finditer(text), *grabbed)
    taken = [m for m in takings if GRAMMAR.report(text, m.start(), m.end())]
    return bool(taken) and any(float(m.group(1)) >= 10 for m in _BIG_STRENGTH.finditer(text))


def _overdose(text: str) -> bool:
    if _THOUGHT_BUT_NOT.search(text) or _OVERDOSE_MEDIA.search(text):
        return False
    if _wrong_strength(text):
        return True
    for m in _AT_ONCE.finditer(text):
        if number(m.group(1), _NUMBERS) >= 3 and GRAMMAR.report(text, m.start(), m.end()):
            return True
    for m in _OVERDOSE.finditer(text):
        around = sentence(text, m.start(), m.end())
        if (
            re.search(r"\b(?:zweimal|dreimal|2 mal|3 mal|[23] ?x|doppelt)\b", m.group(0))
            and _LATE.search(around)
            and not re.search(r"\bschon\b|\b(?:weil|da) (?:\w+ ){0,3}vergessen", around)
        ):
            continue
        if _NOT_LDN.search(GRAMMAR.clause(text, m.start(), m.end())):
            continue
        if re.search(r"uber ?dos", m.group(0)) and _MEDIA.search(around):
            continue
        if re.search(r"zu viel", m.group(0)) and _FOOD.search(m.group(0)):
            continue  # "zu viel karottensaft getrunken": a food or a drink, not the medicine
        if re.search(r"loffel", m.group(0)) and re.search(r"\bnur (?:\d|ein)|\bpasst\b", around):
            continue  # a spoon, but the amount said small
        if re.search(r"dos|\bnoch|spritze|pipette|statt", m.group(0)) is None and not _TAKEN.search(
            around
        ):
            continue  # "die ganze Packung" needs a taking ("früh eine, abends nochmal zwei" not)
        if GRAMMAR.report(text, m.start(), m.end()) and not _PRESCRIBER.search(around):
            return True
    for m in _COUNT_TAKEN.finditer(text):
        count = number(m.group(1), _NUMBERS)
        around = sentence(text, m.start(), m.end())
        if count < 2 or not _TAKEN.search(around) or _PRESCRIBER.search(around):
            continue
        mine = bool(_FROM_ME.search(around))  # a friend who took the patient's capsules
        if not GRAMMAR.report(text, m.start(), m.end(), whoever=mine) or _OVER_TIME.search(around):
            continue
        strength = _STRENGTH_AFTER.search(text[m.end() : m.end() + 30])
        if strength and count * float(strength.group(1)) <= 4.5:
            continue
        return True
    for m in _INSIDE.finditer(text):  # "ich hab jetzt schon fünf drin"
        if number(m.group(1), _NUMBERS) >= 3 and GRAMMAR.report(text, *m.span()):
            return True
    for m in _AMOUNT.finditer(text):
        limit = 5.0 if m.group(2) in ("ml", "milliliter") else 4.5
        around = sentence(text, m.start(), m.end())
        if float(m.group(1)) <= limit or not _TAKEN.search(around) or _NOT_LDN.search(around):
            continue
        if GRAMMAR.report(text, m.start(), m.end()) and not _PRESCRIBER.search(around):
            return True
    for m in _RANGE.finditer(text):  # "so zwölf oder dreizehn kapseln heut abend"
        low = number(m.group(1), _NUMBERS)
        if (
            low >= 3
            and not _OVER_TIME.search(sentence(text, *m.span()))
            and GRAMMAR.report(text, *m.span())
        ):
            return True
    for m in _ONE_OF.finditer(text):  # "eine 50er genommen"
        if (
            float(m.group(1)) > 4.5
            and _TAKEN.search(sentence(text, m.start(), m.end()))
            and GRAMMAR.report(text, m.start(), m.end())
        ):
            return True
    for m in (*_AGAIN.finditer(text), *re.finditer(r"\bhinterher\b", text)):
        around = sentence(text, m.start(), m.end())
        forgot = _FORGOT.search(text)
        if forgot is None or not _TAKEN.search(around) or not _FORGOT.search(around):
            continue
        unmasked = text[: forgot.start()] + " " * len(forgot.group(0)) + text[forgot.end() :]
        if GRAMMAR.report(unmasked, *m.span()):
            return True
    if _EMPTIED.search(text) and not _THOUGHT_BUT_NOT.search(text):
        return True
    for m in _DAYS.finditer(text):
        if _TAKEN.search(sentence(text, *m.span())) and GRAMMAR.report(text, *m.span()):
            return True
    for m in _COUNT_OF.finditer(text):
        total = number(m.group(1), _NUMBERS) * float(m.group(2))
        around = sentence(text, m.start(), m.end())
        if (
            total > 4.5
            and _TAKEN.search(around)
            and not _PRESCRIBER.search(around)
            and GRAMMAR.report(text, m.start(), m.end())
        ):
            return True
    for m in _DAILY_DOUBLE.finditer(text):
        around = sentence(text, m.start(), m.end())
        if _TAKEN.search(around) and _BELIEVED.search(text) and GRAMMAR.report(text, *m.span()):
            return True
    instead = [(m, float(m.group(1)), float(m.group(2))) for m in _INSTEAD.finditer(text)]
    instead += [(m, float(m.group(2)), float(m.group(1))) for m in _INSTEAD_FIRST.finditer(text)]
    for m, taken, meant in instead:
        if (
            taken > 1.5 * meant
            # "was passiert wenn man ... statt ...? hab ... schon geschluckt": asked, and done
            and (GRAMMAR.report(text, m.start(), m.end()) or _ALREADY_SWALLOWED.search(text))
            and not _PRESCRIBER.search(sentence(text, m.start(), m.end()))
        ):
            return True
    return any(
        (_TAKEN.search(text) or _A_DOSE.search(text)) and GRAMMAR.report(text, *m.span())
        for m in _AGAIN_AND_AGAIN.finditer(text)
    )


_ALREADY_SWALLOWED = _c(r"\b(?:schon|bereits) (?:geschluckt|genommen|drin)\b")
# one after another in a day or a night: "also dreimal", "um 11 und nochmal um 1", "und dann
# nochmal zwei", "noch ne 3er hinterher"
_AGAIN_AND_AGAIN = _c(
    r"\b(?:also|insgesamt|zusammen) (?:dreimal|drei mal|3 mal|viermal|4 mal)\b"
    r"|\bum \d+ und (?:dann )?(?:nochmal|noch mal|wieder|erneut) um \d+\b"
    r"|\b(?:das|es) vergessen und (?:\w+ )?(?:nochmal|noch mal|wieder) genommen\b"
    r"|\b(?:dann|danach) (?:nochmal|noch mal) (?:zwei|drei|vier|[2-9])\b"
    r"|\bnoch (?:ne|eine|einen) (?:\d+(?:\.\d+)? ?er|kapsel|tablette)\b(?: [\w,]+){0,3}"
    r" (?:hinterher|dazu|drauf)\b"
    # both times, morning and evening, again and then again: "beide male genommen", "heute früh
    # und abends genommen", "dann heut morgen wieder und jetzt nochmal", "nochmal 3 drauf"
    r"|\bbeide ?male? (?:\w+ )?(?:genommen|geschluckt|eingenommen)\b"
    r"|\b(?:früh|morgens|mittags|am morgen|am mittag) (?:und|u) (?:dann |auch |nochmal )?"
    r"(?:abends|am abend|nachts|in der nacht|zur nacht) (?:\w+ )?(?:genommen|geschluckt)\b"
    r"|\b(?:wieder|nochmal|noch mal) und (?:jetzt|dann|grad|gerade) (?:schon )?(?:wieder|nochmal"
    r"|noch mal)\b"
    r"|\b(?:nochmal|noch mal|noch) (?:\d+(?:\.\d+)?|zwei|drei|vier) (?:mg )?drauf\b"
    # a count times a strength above the dose: "also 2x 4,5 mg", "3 x 2 mg"
    r"|\b[2-9] ?x ?(?:[3-9]|\d\d)(?:\.\d+)? ?(?:mg|er)\b|\b[3-9] ?x ?[2-9](?:\.\d+)? ?(?:mg|er)\b"
)
_A_DOSE = _c(r"\b(?:kapsel\w*|tablette\w*|\d+(?:\.\d+)? ?er\w*|mg|dosis)\b")

# Taken a second time, told as its own step after a question or a lapse: "(fragte ob ...) und
# dann beide male genommen", "genommen und dann vergessen und nochmal genommen"; read from the
# "und" on, so that an "ob" before it does not make the step a question.
_SECOND_STEP = _c(
    r"\bund (?:dann |danach )?beide ?male? (?:\w+ )?(?:genommen|geschluckt|eingenommen)\b"
    r"|\b(?:genommen|eingenommen|geschluckt),? (?:und )?(?:dann |danach )?(?:das |es )?vergessen,?"
    r" (?:und )?(?:\w+ )?(?:nochmal|noch mal|noch einmal|wieder|erneut) (?:\w+ )?(?:genommen"
    r"|eingenommen|geschluckt)\b"
)
# Someone else's dose on top of one's own: "hat mir eine gegeben und ich hatte schon selbst
# eine", "meine kapsel genommen und seine eigene ... also doppelt".
_ON_TOP = _c(
    r"\b(?:hat|hatte) mir (?:noch )?(?:eine|einen|ne|nen|die|meine|seine|ihre) (?:\w+ )?gegeben"
    r"\b,? (?:und |obwohl |dabei )?ich (?:hatte|hab|habe) (?:aber |doch )?(?:schon|bereits)"
    r" (?:selbst |selber )?(?:eine|einen|ne|meine)\b"
    r"|\bmeine (?:\w+ )?(?:genommen|geschluckt|eingenommen) (?:und|u) (?:seine|ihre|deine)"
    r" (?:eigene|auch)\b"
    r"|\balso (?:hat|hatte) (?:er|sie) (?:\w+ )?doppelt\b"
)
# A count of capsules of a strength, more than one's dose "because it helps more": "drei von den
# 1,5ern genommen weil ich dachte das bringt mehr" (within the top dose, but on purpose more).
_FOR_MORE = _c(
    r"\b(?:dachte|gedacht|glaubte|hoffte|damit)\b(?: \w+){0,4} (?:mehr|besser|stärker"
    r"|schneller)\b"
)
# the limit read too late: "nicht gelesen dass nur eine am tag" (not doses spread over days)
_ONE_A_DAY = _c(r"\b(?:nur|bloss|höchstens|maximal) (?:eine|einen|1) (?:\w+ )?(?:am|pro) tag\b")


def _overdose_told(text: str) -> bool:
    if _THOUGHT_BUT_NOT.search(text) or _OVERDOSE_MEDIA.search(text):
        return False
    for m in _SECOND_STEP.finditer(text):
        step = text[m.start() :]
        if GRAMMAR.report(step, 0, m.end() - m.start()) and not _NOT_LDN.search(
            sentence(text, *m.span())
        ):
            return True
    for m in _ON_TOP.finditer(text):
        around = sentence(text, *m.span())
        if _NOT_LDN.search(around) or _PRESCRIBER.search(around):
            continue
        if GRAMMAR.report(text, *m.span(), whoever=True):
            return True
    for m in _COUNT_OF.finditer(text):
        around = sentence(text, *m.span())
        if (
            number(m.group(1), _NUMBERS) >= 2
            and _FOR_MORE.search(around)
            and _TAKEN.search(around)
            and not _PRESCRIBER.search(around)
            and not _OVER_TIME.search(around)
            and GRAMMAR.report(text, *m.span())
        ):
            return True
    for m in _COUNT_TAKEN.finditer(text):
        around = sentence(text, *m.span())
        limit = _ONE_A_DAY.search(around)
        if limit is None or number(m.group(1), _NUMBERS) < 2 or not _TAKEN.search(around):
            continue
        rest = around[: limit.start()] + around[limit.end() :]
        if _OVER_TIME.search(rest) or _PRESCRIBER.search(rest) or _NOT_LDN.search(rest):
            continue
        if GRAMMAR.report(text, *m.span()):
            return True
    return False


# ------------------------------------------------------------------ symptoms

_FACE = (
    r"(?:gesicht|(?:ober|unter)?lippen?|zunge|hals|rachen|augen|augenlider|augenlid|lider|mund"
    r"|wangen?)"
)
_ALLERGIC = _c(
    # the skin blistering and peeling ("die haut wirft blasen und löst sich ab")
    r"\bhaut (?:\w+ ){0,2}(?:wirft blasen|löst sich)\b|"
    rf"\b{_FACE}\b(?: \w+){{0,6}}? (?:schwillt|schwellen|geschwollen|angeschwollen|zugeschwollen"
    r"|dick|ganz dick)\b|\b(?:geschwollen\w*|angeschwollen\w*) (?:gesicht|lippen?|zunge|augen)\b"
    r"|\bschnürt sich zu|\bzugeschnürt|\b(?:hals|kehle) (?:\w+ ){0,3}(?:eng|enger|zu)\b"
    r"|\b(?:keine|kaum|schlecht|schwer) luft\b|\b(?:kaum|schlecht|schwer) (?:\w+ )?atmen\b"
    r"|\bkaum (?:noch )?atmen|\batemnot\b|\bschwer atmen"
    r"|\batme (?:\w+ )?schwer|\bnicht (?:mehr )?atmen"
    r"|\bkann (?:ich )?nicht (?:mehr )?(?:richtig )?atmen"
    r"|\bquaddeln"
    r"|\bnesselsucht|\bnesselausschlag|\ballergische[rn]? (?:reaktion|schock)|\banaphyla\w*"
    r"|\bpfeif\w* beim atmen|\batme (?:so |ganz )?pfeifend"
    r"|\bich ersticke\b(?! (?:fast )?(?:vor|an der|in))"
    r"|\bschwellung (?:im|am|der) (?:gesicht|hals|lippen?|zunge)"
    r"|\bschwellung\w* (?:um|an|unter) (?:die|den|der|dem) (?:augen|mund|lippen|gesicht)\b"
    r"|\b(?:lippen|zunge|gesicht|augenlider)\b(?: \w+){0,3} (?:dicker|schwellen|schwillt)\b"
    r"|\batmen (?:wird|ist|fällt) (?:\w+ ){0,2}schwer|\bpfeif\w* (?:\w+ )?atm\w*"
    r"|\b(?:beulen|pusteln|quaddeln|ausschlag|flecken)\b (?:\w+ ){0,2}(?:überall"
    r"|am ganzen körper)\b"
    rf"|\b(?:verquollen\w*|aufgequollen\w*|aufgedunsen\w*) (?:\w+ )?{_FACE}\b"
    rf"|\b{_FACE}\b(?: \w+){{0,3}} (?:verquollen|aufgequollen|aufgedunsen)\b"
)
_NOT_ALLERGIC = _c(
    r"\b(?:mücke\w*|stich\w*|gestochen|brennnessel\w*|qualle\w*|abgeheilt|ausgeheilt)\b|"
    r"\b(?:nase|schnupfen|erkältung|treppe|joggen|laufen|hitze|weinen|geweint|heulen)\b"
    # the dentist as the cause, not as a comparison ("sieht aus wie nach dem zahnarzt")
    r"|(?<!wie nach dem )(?<!wie beim )\bzahnarzt\b"
)
_CHEST = _c(
    r"\bbrust ?schmerz\w*|\bschmerz\w* (?:\w+ ){0,2}(?:in|auf|an) der brust"
    r"|\b(?:sticht|drückt|brennt|zieht|schmerzt)\b(?: \w+){0,5} (?:in|auf|an) der brust"
    r"|\bbrust (?:\w+ ){0,4}(?:eingequetscht|zerquetscht|eingeklemmt|zusammengedrückt|eingeschnürt"
    r"|zugeschnürt)"
    r"|\b(?:druck|stechen|stiche|engegefühl|enge|gewicht|ziehen|brennen|drücken) (?:\w+ ){0,3}"
    r"(?:in|auf|an) der brust|\bbrust\b (?:\w+ ){0,2}(?:tut (?!nicht)(?:\w+ ){0,4}weh|eng"
    r"|schmerzt|drückt|sticht|brennt)\b|\btut (?:mir )?(?:\w+ )?(?:die )?brust (?:\w+ )?weh"
    r"|\b(?:tut|tun) (?:mir )?(?:\w+ ){0,3}brust(?: \w+){0,3}? weh\b"
    r"|\bbrust (?:\w+ ){0,2}(?:zugeschnürt|zusammendrück\w*"
    r"|zerdrück\w*|einschnür\w*|quetsch\w*)|\bherz (?:\w+ )?(?:tut weh|sticht"
    r"|schmerzt)|\bherzschmerz\w*|\bstiche (?:\w+ )?(?:im|am) herz\w*|\bbrustkorb (?:\w+ )?(?:eng"
    r"|schmerz\w*|tut weh|drückt)|\bangina pectoris"
    r"|\bauf (?:der|meiner|die|meinem|dem|den) (?:brust|brustkorb) (?:sitz\w*|lieg\w*|steh\w*"
    r"|drück\w*)|\b(?:elefant|stein|gewicht|last)"
    r" (?:\w+ )?auf (?:der|meiner) brust"
    # a heart attack asked about as a topic ("welche symptome hat ein herzinfarkt") is not one
    r"|\b(?<!symptome hat ein )(?<!symptome hat einen )(?<!erkenne ich einen )"
    r"(?<!erkennt man einen )(?<!anzeichen für einen )(?<!anzeichen von einem )herzinfarkt"
    r"|\bherz ?attacke|\bes drückt (?:\w+ ){0,3}brust|\blinke[rn]? arm (?:\w+ )?"
    r"(?:tut weh|schmerzt)"
    r"|\bstechen (?:\w+ )?(?:im|am) herz\w*|\bherz (?:\w+ ){0,2}(?:sticht|stechen)\b"
    r"|\b(?:brennen|brennt|druck|drückt|stechen|sticht|schmerz\w*|enge) (?:\w+ )?(?:hinterm"
    r"|hinter dem|am"
    r"|im) brustbein\b"
    r"|\b(?:schweres|komisches|enges) gefühl (?:\w+ )?(?:in|auf|an) der brust"
    r"|\b(?:in der )?brust\w*\b(?: \w+){0,6} (?:der |mein |den )?(?:linke[rn]? )?(?:arm|kiefer)"
    r" (?:wird |ist |geht )?(?:\w+ )?(?:taub|kribbelt|eingeschlafen|gefühllos)\b"
    r"|\b(?:zieht|ziehts|drückts|stichts|brennts) (?:\w+ ){0,2}in der brust\b"
    r"|\bschraubstock (?:\w+ ){0,2}(?:um|auf) (?:die|den|der|meine[nr]?) (?:brust|brustkorb)\b"
    # crushed or torn, in any form ("die brust zerquetschen", "als würd n elefant drauf sitzen")
    r"|\bbrust\w* (?:\w+ ){0,6}(?:zerquetsch\w*|zerdrück\w*|zerreiss\w*|elefant\w*)"
    r"|\b(?:zerquetsch|zerdrück|zerreiss|reiss|stech|brenn|drück|quetsch|beklemm)\w* gefühl"
    r" (?:\w+ )?(?:in|auf|an) der brust"
)
_NOT_CHEST = _c(
    r"\b(?:lachen|hust\w*|muskelkater|fitness\w*|preis|stillen|schleppen|getragen|einkauf\w*"
    r"|umzug|tattoo|tätowierung|piercing|narbe)\b"
    # a chest full of love or pride: a figure of speech
    r"|\bvor (?:liebe|freude|glück|stolz|rührung|sehnsucht|aufregung)\b"
    # a pain explained and gone ("waren nur Blähungen", "alles abgeklärt")
    r"|\b(?:war|waren) (?:nur |bloss )?(?:blähungen|verspannung\w*|muskulär|die nerven|nix"
    r"|nichts)\b"
    r"|\babgeklärt\b"
)
_YELLOW = _c(
    r"\bgelbsucht\b|\b(?:haut|gesicht|augen?|augenweiss|weisse? im auge|weisse in den augen)\b"
    r"(?: \w+){0,5}? gelb\w*|\bgelbe[n]? (?:haut|augen)\b|\bsehe? (?:\w+ ){0,2}gelb aus"
    r"|\b(?:werde|bin) (?:ganz )?gelb\b"
    r"|\b(?:ist|is|wird) (?:ganz )?gelb (?:im gesicht|in den augen)\b"
    r"|\b(?:sieht|siehst|sah) (?:\w+ ){0,2}gelb aus\b"
)
_DARK_URINE = _c(
    r"\b(?:urin|pipi|pisse?|harn)\b(?: \w+){0,5}? (?:dunkel\w*|braun\w*|wie cola)"
    r"|\bdunkle[rn]? (?:urin|harn)\b|\bheller stuhl\b"
    r"|\b(?:pinkel\w*|piesel\w*)\b(?: \w+){0,3} (?:dunkel\w*"
    r"|braun\w*)"
)
_BELLY_PAIN = _c(
    r"\b(?:rechts|rippen\w*|leber)\b(?: \w+){0,4} (?:tut (?:es |\w+ )?weh|tuts weh|schmerzt|sticht"
    r"|drückt)|"
    r"\bbauch ?(?:weh|schmerz\w*)|\boberbauch|\bleber (?:\w+ )?(?:tut weh|schmerzt|sticht"
    r"|drückt)|\bbauch (?:\w+ ){0,2}(?:tut weh|schmerzt)"
    r"|\bschmerz\w* (?:\w+ ){0,3}(?:bauch|rechts|rechten|seite|leber|rippenbogen|rippen)"
    r"|\bmagen\w* (?:\w+ )?(?:weh"
    r"|schmerz\w*)"
)
_SEIZURE = _c(
    r"\bkrampf ?anf[aä]ll\w*|\bkrampft\w*|\bgekrampft|\bepileptisch\w* anfall|\bepi ?anfall"
    r"|\bzuck\w* (?:\w+ ){0,3}(?:ganzen körper|unkontrolliert|am ganzen)"
    r"|\bhatte (?:\w+ ){0,3}(?<!asthma )(?<!panik )(?<!wut )(?<!lach )(?<!husten )anfall\b"
    r"|\bseit \d+ minuten krämpfe\b|\b(?:einen|nen|ein|n) anfall\b|\bgezuckt\b|\bzuckungen\b"
    r"|\bkrampfte\b"
    r"|\bzu krampfen\b|\baugen (?:\w+ ){0,2}verdreht\b|\bschaum (?:vorm|vor dem|am) mund\b"
    r"|\b(?:zerbissen\w*|blutig gebissen\w*) zunge\b|\bzungenbiss\b|\bkrämpfe (?:\w+ )?(?:am|im)"
    r" ganzen körper\b"
    r"|\bsteif geworden\b(?: [\w,]+){0,6} (?:zuck\w*|krampf\w*|zitter\w*)|\bangefangen zu zucken\b"
    # jerks with awareness lost ("Absencen", "kurz weg", "weiss nix mehr")
    r"|\babsence\w*|"
    + near(
        r"zuck\w*|zitter\w*|krampf\w*|gezuckt",
        r"kurz weg|war (?:dann )?(?:kurz )?weg|bewusstlos|nicht reagiert"
        r"|weiss (?:ich )?(?:nix|nichts) mehr|ins leere|nicht ansprechbar"
        # how long it lasted, the deep sleep after
        r"|\d+ min\w* lang|minuten lang|schläft (?:\w+ ){0,2}tief",
        10,
    )
)
_NOT_SEIZURE = _c(
    r"\b(?:bauch|magen|wade|waden|bein|muskel\w*|fuss|füsse|lach|husten|heisst|namens|name)\b"
)
_FAINTING = _c(
    r"\bohnmacht\w*|\bohnmächtig|\bumgekippt|\bbewusstlos\w*|\bbewusstsein verloren"
    r"|\bzusammengebrochen|\bzusammengeklappt|\breagiert nicht\b|\bnicht wach\b|\bkollabiert"
    r"|\bweggetreten\b|\bnicht ansprechbar|\bzusammengesackt|\bkreislaufzusammenbruch"
    r"|\bwacht nicht (?:mehr )?auf|\bbin (?:\w+ ){0,4}umgefallen\b"
    r"|\bmacht (?:die )?augen nicht (?:mehr )?auf\b"
    r"|\bwar (?:\w+ ){0,3}(?:kurz|kurzzeitig|ein paar sekunden|einen moment|ne minute|eine minute)"
    r" (?:weg|nicht ansprechbar|bewusstlos)\b|\b(?:weggesackt|weggekippt)\b"
    r"|\b(?:lag|aufgewacht|wach geworden|zu mir gekommen)\b(?: \w+){0,4} (?:am|auf dem|auf den)"
    r" (?:\w*boden|fliesen)\b|\b(?:am|auf dem|auf den) (?:\w*boden|fliesen)\b"
    r"(?: \w+){0,3} (?:aufgewacht|zu mir gekommen|wach geworden)"
    r"|\b(?:zweimal|dreimal|mehrmals|mehrfach|öfter|ständig|immer wieder|jeden tag)\b(?: \w+){0,2}"
    r" (?:fast|beinahe) (?:umgekippt|ohnmächtig\w*|zusammengebrochen)"
    r"|\b(?:fast|beinahe) (?:umgekippt|ohnmächtig\w*)\b(?: \w+){0,3} (?:beim aufstehen|zweimal"
    r"|mehrmals|immer wieder)"
    r"|\b(?:alles|es) wurde (?:\w+ )?schwarz\b,?(?: [\w,]+){0,4} (?:lag|aufgewacht|zu mir gekommen"
    r"|wach geworden)\b"
    # nearly over again and again ("ich kipp immer wieder fast um")
    r"|\b(?:kipp\w*|fall\w*|klapp\w*) (?:\w+ ){0,2}(?:immer wieder|ständig|dauernd|mehrmals)"
    r" (?:fast|beinahe) (?:um|zusammen)\b"
    r"|\bblackout\b(?: [\w,]+){0,6} (?:kopf|gestürzt|hingefallen|umgefallen|geknallt|aufgeschlagen"
    r"|boden)\b"
)
# A head that bleeds, after a fall or a blow (anywhere in the message).
_HEAD_BLEEDING = _c(
    r"\b(?:blut\w*|platzwunde)\b(?: \w+){0,5} (?:aus dem |am )?kopf\w*\b"
    r"|\bkopf\w*\b[^.!?;\n]*\bblut\w*"
    r"|\bplatzwunde am kopf"
)
_FALL_OR_BLOW = _c(
    r"\b(?:sturz|gestürzt|gefallen|hingefallen|runtergefallen|aufgeschlagen|gestossen|geknallt)\b"
)
_EXERTION = _c(r"\b(?:muskelkater|training|trainiert|fitness\w*|schleppen|umzug)\b")
_NOT_FAINTING = _c(
    r"\bvor (?:freude|glück|lachen|schreck|begeisterung|erleichterung)\b"
    r"|\b(?:rechnung|preis|kosten|kostet)\b|\b(?:war|bin) ich (?:noch )?nie\b"
    # a year long gone: "war aber 2015"
    r"|\b(?:war|ist|im jahr|anno) (?:\w+ )?(?:19\d\d|20[01]\d)\b"
)
_OTHER = _c(
    r"\berbrech\w* blut|\bblut erbrochen|\bspucke blut|\bschlaganfall|\b(?:mund|gesicht) hängt"
    r"|\bkann (?:\w+ ){0,3}(?:arm|bein|seite) nicht (?:mehr )?(?:bewegen|heben)"
    r"|\bmundwinkel (?:\w+ )?hängt\b"
    r"|\b(?:kopf|hinterkopf) (?:\w+ ){0,2}(?:aufgeschlagen|angeschlagen)\b(?: [\w,]+){0,6}"
    r" (?:erbricht|erbrech\w*|kotzt|schläfrig|benommen|verwirrt)\b"
    r"|\bnicht richtig sprechen|\blalle\b|\bhört (?:\w+ )?nicht auf zu bluten"
    r"|\bblutet (?:\w+ ){0,3}(?:wie verrückt|ohne ende|stark|heftig)\b"
    r"|\b(?:arm|bein|seite|gesicht)\b(?: \w+){0,4} (?:plötzlich )?(?:lahm|gelähmt)\b"
    r"|\bverwaschen\w* (?:sprache|sprechen|reden)|\bred\w* (?:\w+ )?verwaschen"
    r"|\berbrech\w* (?:\w+ ){0,4}blut\b|\bblut (?:ge)?(?:spuckt|hustet|gehustet|erbrochen)"
    r"|\bhalbseitig gelähmt|\bschlimmste[rn]? kopfschmerz\w*"
    r"|\bblute (?:\w+ )?(?:stark|sehr|heftig|ohne ende)|\bblutung (?:\w+ ){0,3}(?:hört nicht auf"
    r"|stoppt nicht)|\bstarke blutung"
    # fever with a stiff neck
    r"|\bfieber\b(?:[ ,]+\w+){0,6}?[ ,]+(?:nackensteif\w*|steife[nr]? nacken"
    r"|nacken (?:\w+ ){0,2}steif)"
    r"|\b(?:nackensteif\w*|steife[nr]? nacken"
    r"|nacken (?:\w+ ){0,2}steif)\b(?:[ ,]+\w+){0,6}?[ ,]+fieber"
)


def _jaundice(text: str) -> bool:
    yellow = Rule(
        "jaundice",
        _YELLOW,
        # the capsules are yellow; "war aber nur das licht": the colour explained away
        unless=_c(
            r"\b(?:kapseln?|tabletten?|pillen?)\b|\b(?:war|lag) (?:aber |doch )?(?:nur )?am licht\b"
            r"|\bnur das licht\b"
            # the colour a filter, a lamp or a screen gives ("im profilbild nur der filter")
            r"|\b(?:nur|ist|war|sind|liegt am|lag am) (?!nicht |kein)(?:\w+ )?(?:der |das |die"
            r" |dem )?(?:filter|licht|lampe|beleuchtung|bildschirm|display)\b"
            r"|\b(?:profilbild|selfie|filter)\b|\bvor neid\b"
            # a relative's jaundice: family history
            r"|\b(?:mutter|vater|oma|opa|bruder|schwester|mama|papa|onkel|tante)\b(?: \w+){0,2}"
            r" (?:hatte|hat) (?:\w+ ){0,2}gelbsucht\b"
        ),
    )
    if yellow.fires(GRAMMAR, text):
        return True
    return Rule("jaundice", _DARK_URINE).fires(GRAMMAR, text) and Rule(
        "jaundice", _BELLY_PAIN
    ).fires(GRAMMAR, text)


# ------------------------------------------------------------------ opioids, pregnancy

_OPIOID = _c(
    r"\b(?:tramadol|tramal|tilidin\w*|valoron|oxycodon|oxycodone|oxygesic|targin|codein|kodein"
    r"|morphin\w*|fentanyl\w*|methadon\w*|polamidon|buprenorphin|subutex|suboxone|heroin"
    r"|tapentadol|palexia|hydromorphon|palladon|pethidin|piritramid|dipidolor|opioide?"
    r"|opiate?|kratom|substitution\w*|substitutionsprogramm|durogesic|norspan|transtec|hydal"
    r"|co ?dafalgan|tramadolor|tramundin|oxynorm|jurnista|temgesic|sevredol|substitol|compensan"
    r"|vendal|dihydrocodein|paracodin|codipront|methaddict|oxycontin|zaldiar|tradol"
    # short forms as patients type them ("ne oxy", "die tili")
    r"|oxys?|tili|tilis|bupre|metha|fenta"
    # as German patients also spell them
    r"|morphium|hydrocodon\w*|codein\w*|kodein\w*)\b"
)
# loperamide in big amounts acts as an opioid ("loperamid in großen mengen")
_BIG_LOPERAMIDE = _c(
    r"\b(?:loperamid\w*|imodium)\b(?: \w+){0,3} (?:in (?:grossen|rauen) mengen|massenweise"
    r"|haufenweise|packungsweise|hochdosiert|(?:\d\d|zehn|zwanzig) (?:stück|tabletten|kapseln))\b"
    r"|\b(?:massenweise|haufenweise|packungsweise|(?:\d\d|zehn|zwanzig) (?:stück|tabletten"
    r"|kapseln)) (?:\w+ )?(?:loperamid\w*|imodium)\b"
)
_LDN = _c(r"\b(?:ldn|naltrexon)\b")
_WITHDRAWAL = _c(
    # (a break from social media, sugar or coffee is not an opioid's withdrawal)
    r"(?<!media )(?<!handy )(?<!zucker )(?<!kaffee )(?<!internet )(?<!smartphone )\bentzug\w*"
    r"|\bauf turkey\b|\bcold turkey\b|\baffen (?:schieben|haben)"
)
_WITHDRAWAL_SIGNS = _c(
    r"\b(?:schwitz\w*|schwitze|zitter\w*|erbrech\w*|durchfall|schüttelfrost|krämpfe|unruh\w*"
    r"|furchtbar|elend|gänsehaut|gähn\w*|knochen|nase läuft|laufende nase|tränen\w*"
    r"|gliederschmerz\w*|kotz\w*|\w+krämpfe|kribbel\w*|aufgedreht|kalte[nr]? schweiss)\b"
)
_OPIOID_TAKEN = _c(
    r"\b(?:genommen|eingenommen|gegeben|bekommen|gespritzt|angefangen|nehme|habe \w*pflaster"
    r"|fentanylpflaster)\b"
)
_OPIOID_NOT_NOW = _c(
    # (not "merk noch nix", "noch keine symptome": nothing felt yet after both were taken)
    r"(?<!merk )(?<!merke )(?<!spür )(?<!spüre )(?<!spur )(?<!spure )"
    r"\bnoch (?:nix|nichts|nicht|keine?n?)\b(?! (?:symptome|beschwerden|gemerkt|bemerkt|gespürt"
    r"|passiert|nebenwirkungen))|\bvertr[aä]gt sich\b"
    r"|\b(?:kann ich|darf ich|ist das|wie lange|warten|abgesetzt|aufgehört|wenn|falls|ob|bevor"
    r"|vor (?:\w+ )?(?:jahren|monaten))\b"
    # "ohne Codein": the opioid denied
    r"|\b(?:ohne|kein|keine|keinen) (?:\w+ )?(?:" + _OPIOID.pattern[5:-3] + r")\b"
    # the opioid a thing of the past: "vor ldn jahrelang kodein, das ist seit januar vorbei"
    r"|\bvor (?:dem |der )?(?:ldn|naltrexon)\b|\b(?:ist|sind) (?:\w+ ){0,3}vorbei\b"
)
_SOMEONE_ELSE = _c(
    r"\b(?:mein|meine) (?:mann|frau|mutter|vater|partner\w*|sohn|tochter|oma|opa|bruder"
    r"|schwester) (?:\w+ )?(?:nimmt|bekommt|ist auf|nahm|bekam|hat|hatte|war auf)\b"
)


# the one on the opioid who got LDN is the one with the signs: "er kotzt und hat krämpfe"
_THEIR_SIGNS = _c(
    r"\b(?:er|sie) (?:[\w,]+ ){0,4}(?:kotzt|erbricht|zittert|schwitzt|unruhig"
    r"|hat (?:\w+ )?(?:krämpfe|durchfall|schüttelfrost))\b"
    # "jetzt zittert er": the verb first
    r"|\b(?:kotzt|erbricht|zittert|schwitzt|friert) (?:er|sie)\b"
)
_ON_OPIOID = _c(
    r"\b(?:nehme|nehm|bin auf|bin im|bin in|bin (?:\w+ )?mit|bekomme|krieg|kriege|habe|hab|spritze"
    r"|bekommen|gegeben)\b(?: \w+){0,3}? (?:" + _OPIOID.pattern[5:-3] + r")\b"
    r"|\b(?:" + _OPIOID.pattern[5:-3] + r")\b (?:\w+ ){0,2}(?:gegeben|gespritzt|verabreicht)\b"
    # the verb last: "dass ich ja noch auf tramadol bin"
    r"|\bauf (?:\w+ )?(?:" + _OPIOID.pattern[5:-3] + r")\b (?:bin|war)\b"
)


_ASKS_IF_TOGETHER = _c(
    # "tramadol am nachmittag, ldn am abend, war das schlimm?": asked after taking both
    r"^(?!.*\b(?:war das|war es|wars|ist das jetzt) (?:\w+ )?(?:schlimm|gefährlich|schlecht|ok"
    r"|okay|ein fehler|ein problem)\b|.*\bund (?:danach|dann|hinterher) (?:die |meine |noch )?"
    r"(?:ldn|naltrexon)\b).*?"
    r"(?:\?|\b(?:darf ich|kann ich|soll ich|sollte ich|geht das|ist das ok|vertragt sich|verträgt"
    r" sich"
    r"|passt das"
    # how long before LDN to stop it: "wie lange vorher muss ich es absetzen"
    r"|wie lange (?:\w+ ){0,4}(?:vorher|davor)|(?:vorher|davor) absetzen"
    r"|bevor ich (?:\w+ ){0,2}(?:anfange|beginne|starte))\b)"
)


# the opioid a thing of the past (also not taken any more: "nehm ich nicht mehr")
_OPIOID_OVER = _c(
    r"\bvor (?:dem |der )?(?:ldn|naltrexon)\b|\b(?:ist|sind) (?:\w+ ){0,3}vorbei\b"
    r"|\bnehm\w* (?:ich )?(?:\w+ )?(?:keine?n?|nicht) mehr\b"
)


def _on_opioid(text: str) -> bool:
    """The patient (on LDN, or they would not be here) says they are on an opioid now ("ich
    nehme seit drei Tagen Codein"). Asking whether the two go together ("ich nehme Tilidin, darf
    ich LDN dazu nehmen?") is the FAQ's opioid answer, as in English."""
    if _ASKS_IF_TOGETHER.search(text):
        return False
    return any(
        not GRAMMAR.negated(text, m.start())
        and not GRAMMAR.question_before.search(GRAMMAR.before(text, m.start()))
        and not GRAMMAR.history.search(text)
        and not GRAMMAR.others.search(text)
        and not _c(r"\b(?:abgesetzt|aufgehört|früher|damals)\b").search(text)
        and not _OPIOID_OVER.search(text)
        for m in _ON_OPIOID.finditer(text)
    ) and not (_SOMEONE_ELSE.search(text) or _OPIOID_DENIED.search(text))


# "opioide nehm ich keine": the opioid denied after it is named
_OPIOID_DENIED = _c(
    r"\b(?:" + _OPIOID.pattern[5:-3] + r")\b (?:nehm\w*|hab|habe|krieg\w*) (?:ich )?(?:keine?n?"
    r"|nicht|nie)\b"
    # none at all: "keine Opiate oder so" (not "ohne palexia" or "kein tramadol mehr seit
    # gestern": a pause, and withdrawal can follow it)
    r"|\b(?:keine?n?|nie) (?:\w+ )?(?:opiate?|opioide?)\b"
    r"(?! mehr seit (?:gestern|heute|vorgestern|\w+ tagen|ein paar tagen))"
)


def _opioid_withdrawal(text: str) -> bool:
    for m in _WITHDRAWAL.finditer(text):
        if GRAMMAR.report(text, m.start(), m.end()):
            return True
    opioid = _OPIOID.search(text) or _BIG_LOPERAMIDE.search(text)
    if not (
        opioid and (_LDN.search(text) or _c(r"\b(?:kapsel|dosis)\b").search(text))
    ) or _OPIOID_DENIED.search(text):
        return False
    return any(
        GRAMMAR.report(text, m.start(), m.end()) for m in _WITHDRAWAL_SIGNS.finditer(text)
    ) and (not _SOMEONE_ELSE.search(text) or bool(_THEIR_SIGNS.search(text)))


_BOTH_TAKEN = _c(
    r"\b(?:beides|beide)\b(?: \w+){0,2} (?:genommen|eingenommen|geschluckt)\b"
    # an opioid at one time and LDN at another, said without a verb; LDN "on top"
    r"|\b(?:" + _OPIOID.pattern[5:-3] + r")\b(?: [\w,]+){0,4}"
    r" (?:am|heute|gestern|abends|morgens|mittags|nachmittags|danach|dann|weiter|trotzdem"
    r"|zusätzlich)\b(?: [\w,]+){0,3}"
    r" (?:die |meine |mein )?(?:ldn|naltrexon)\b"
    r"|\b(?:" + _OPIOID.pattern[5:-3] + r")\b(?: \w+){0,10} (?:neben der|zusätzlich zur) ldn\b"
)


# Both in a routine ("Palexia morgens und LDN abends", "Valoron Tropfen ... und LDN am Abend"),
# an opioid taken today before tonight's LDN ("hab mittags noch ein Tramadol genommen"), or both
# today on purpose ("nehm heut einfach beides"): taken, even when a question follows.
_BOTH_IN_A_DAY = _c(
    r"\b(?:" + _OPIOID.pattern[5:-3] + r")\b(?: [\w,]+){0,5} (?:und|,) (?:die |meine )?(?:ldn"
    r"|naltrexon) (?:am abend|abends|zur nacht|nachts|am morgen|morgens)\b"
    r"|\b(?:hab|habe) (?:heute? |heut |mittags |morgens |vorhin |gerade |grad |eben )(?:\w+ ){0,2}"
    r"(?:" + _OPIOID.pattern[5:-3] + r")\b(?: [\w,]+){0,5} genommen\b"
    r"|\bnehm\w* (?:heute?|heut|jetzt) (?:einfach |trotzdem |dann )?beides\b"
    r"|\b(?:ldn|naltrexon) (?:hab|habe) ich (?:heute?|heut) (?:schon|bereits)\b,?(?: [\w,]+){0,6}"
    r" (?:noch )?(?:ne |eine |einen )?(?:" + _OPIOID.pattern[5:-3] + r")\b"
    # both planned for tonight: "beides vor dem schlafengehen", "will auch mein ldn nehmen"
    r"|\bbeides (?:\w+ ){0,2}(?:heute? abend|heut abend|heute nacht|heut nacht|vor dem schlafen\w*"
    r"|zur nacht|zusammen|gleichzeitig)\b"
    r"|\b(?:will|werde|möchte|wollte) (?:ich )?(?:auch|dazu|zusätzlich|trotzdem|noch) (?:\w+ )?"
    r"(?:mein |meine |die )?(?:ldn|naltrexon)\b(?: \w+)? (?:nehmen|schlucken|einnehmen)\b"
)


def _both_in_a_day(text: str) -> bool:
    return bool(_OPIOID.search(text) and _LDN.search(text)) and any(
        not GRAMMAR.negated(text, m.start())
        and not GRAMMAR.question_before.search(GRAMMAR.before(text, m.start()))
        and not GRAMMAR.history.search(text)
        and not _SOMEONE_ELSE.search(text)
        for m in _BOTH_IN_A_DAY.finditer(text)
    )


_opioid_co_use_said = opioid_co_use_detector(
    GRAMMAR,
    on_opioid=_on_opioid,
    both_taken=_BOTH_TAKEN,
    opioid=_OPIOID,
    ldn=_c(r"\b(?:ldn|naltrexon|meine (?:\w+ )?(?:kapsel|dosis))\b"),
    taken=_OPIOID_TAKEN,
    asks_if_together=_ASKS_IF_TOGETHER,
    not_now=_OPIOID_NOT_NOW,
    someone_else=_SOMEONE_ELSE,
)
# On an opioid every day or in substitution, asking to start or add LDN: the LDN would push the
# opioid out ("nehm jeden tag Targin ..., kann ich zusätzlich mit LDN starten", "bin in
# Substitution mit Polamidon, darf ich LDN dazunehmen"); an opioid now and then is the FAQ's.
_DAILY_OPIOID = _c(
    r"\b(?:jeden tag|täglich|dauerhaft|regelmässig)\b(?: \w+){0,2} (?:"
    + _OPIOID.pattern[5:-3]
    + r")\b|\b(?:substitution\w*|methadonprogramm)\b"
)
_LDN_STARTED_OR_ADDED = _c(
    r"\b(?:ldn|naltrexon)\b(?: \w+){0,4} (?:starten|anfangen|beginnen|dazunehmen|dazu nehmen)\b"
    r"|\bzusätzlich (?:\w+ ){0,4}(?:ldn|naltrexon)\b"
)


def _daily_opioid_and_ldn_asked(text: str) -> bool:
    return bool(_LDN_STARTED_OR_ADDED.search(text)) and any(
        not GRAMMAR.negated(text, m.start())
        and not GRAMMAR.history.search(text)
        and not _SOMEONE_ELSE.search(text)
        and not _c(r"\b(?:abgesetzt|aufgehört|früher|damals)\b").search(text)
        for m in _DAILY_OPIOID.finditer(text)
    )


_opioid_co_use = _any(_opioid_co_use_said, _both_in_a_day, _daily_opioid_and_ldn_asked)


_PREGNANT = _c(
    r"\bschw\w{0,2}nger\b|\bschwangerschaftstest (?:\w+ ){0,3}(?:ist |war )?positiv"
    r"|\btest (?:ist |war )?(?:eben |gerade |grad |jetzt |heute |doch )?positiv"
    r"|\bpositive[rn]? (?:schwangerschafts)?test"
    r"|\berwarte\w* (?:ein|unser) (?:baby|kind)|\bbekomme ein (?:baby|kind)\b"
    # "bin in der 6. Woche" (not a week of the treatment)
    r"|\bbin (?:jetzt )?in der \d+ (?:woche|ssw)\b(?! (?:mit|der|ldn|von|meiner|seit|naltrexon"
    r"|behandlung|therapie|einnahme))|\b\d+ ssw\b"
    r"|\btest (?:\w+ ){0,2}zwei striche|\bschwangerschaft (?:\w+ ){0,2}bestätigt"
    r"|\bdass ich (?:jetzt )?in der \d+ ?\.? ?(?:woche|ssw) bin\b"
    r"|\b(?:jetzt|endlich|heute|heut) zwei striche\b"
    r"|\b(?:heute|gerade|eben|grad) positiv getestet\b"
)


_PREGNANCY_NOT_NOW = _c(
    r"\b(?:wenn|falls|ob|darf|kann|könnte|will|wollen|negativ|corona|covid|werden|versuche\w*"
    r"|planen|wunsch|gedanken)\b"
)


_TEST_NOT_NOW = _c(r"\b(?:wenn|falls|ob|negativ|corona|covid)\b")


# "meine tochter ist schwanger ... sie nimmt ldn": a daughter or a partner on LDN, pregnant
_SHE_TAKES_LDN = _c(
    r"\b(?:sie|meine (?:tochter|frau|partnerin|freundin))(?: (?:ist|und|schwanger|auch|noch|aber))*"
    r" (?:nimmt|nehme|bekommt) (?:auch |noch )?"
    r"(?:\w+ )?(?:ldn|naltrexon)\b"
    r"|\b(?:sie|meine (?:tochter|frau|partnerin|freundin)) ist schwanger und hat"
    r" (?:\w+ ){0,4}(?:ldn"
    r"|naltrexon) (?:genommen|geschluckt)\b"
)


def _pregnancy(text: str) -> bool:
    if _SHE_TAKES_LDN.search(text) and any(
        not GRAMMAR.negated(text, m.start())
        and not _PREGNANCY_NOT_NOW.search(GRAMMAR.clause(text, m.start(), m.end()))
        for m in _PREGNANT.finditer(text)
    ):
        return True
    for m in _PREGNANT.finditer(text):
        clause = GRAMMAR.clause(text, m.start(), m.end())
        # a test or a doctor said so; "schwanger in der 7. woche": the week says it
        said = re.search(r"test|bestatigt|striche", m.group(0)) or re.match(
            r" (?:in der|seit) \d+", text[m.end() :]
        )
        if not re.search(r"\b(?:ich|bin|wir)\b", clause) and not said:
            continue
        if GRAMMAR.negated(text, m.start()) or GRAMMAR.history.search(clause):
            continue
        # trying for a long time and now two lines: the test says it
        by_test = re.search(r"striche|positiv", m.group(0))
        if re.search(_TEST_NOT_NOW if by_test else _PREGNANCY_NOT_NOW, clause):
            continue
        return True
    return False


# ------------------------------------------------------------------ more kinds (triage-esde6)

# Suicidal wording of kinds the patterns above missed: a rope or a belt bought or put round the
# neck; things given away "because I won't need them soon"; a burden to one's family; ending it
# tonight ("mach ich schluss"); asking whether all the pills at once would be enough; a farewell
# to the bot with nothing else to say; Swiss and Bavarian forms.
_SUICIDAL_KINDS = _c(
    r"\b(?:einen|nen|ein|den|n) (?:strick|galgen)\b|\bschlinge\b(?! \w*(?:stich|masche))"
    r"|\b(?:gurt|gürtel|seil|strick|schal|kabel|schnur)\w* (?:\w+ ){0,2}um (?:den|meinen) hals\b"
    r"|\bpulsader\w*"
    # given away, soon not needed any more
    r"|\b(?:verschenkt|geschenkt|gegeben|vermacht|weggegeben|gebracht)\b,?(?: [\w,]+){0,8}"
    r" brauch\w* (?:ich |ichs |es |das |die |den )?(?:\w+ ){0,2}(?:bald|morgen|dann)"
    r" (?:\w+ )?(?:nicht mehr|nimmer|nimma|nöd meh)\b"
    r"|\bmorgen brauch\w* (?:ich )?(?:das |es |die |den )?(?:alles )?(?:nicht mehr|nimmer)\b"
    r"|\b(?:werd\w*|brauch\w*) (?:euch|dich|das|es|die erinnerungen?) (?:\w+ )?bald nicht mehr"
    r" (?:brauchen|nötig)?\b"
    # a burden to the family
    r"|\b(?:bin|ich bin|mein leben ist|mein dasein ist|bin doch|bin eh)\b,?(?: [\w,]+){0,4}"
    r" (?:last|belastung) (?:für|fur) (?:meine|meinen|mein|die|alle|jeden|euch|uns)\b"
    r"|\b(?:keinem|niemandem|niemand|keinen) mehr zur last\b"
    r"|\bohne mich (?:\w+ ){0,3}(?:endlich )?(?:ruhe|besser|leichter)\b"
    r"|\balle (?:wären|wärn|waren|sind) ohne (?:mich|ihn|sie) (?:\w+ )?besser dran\b"
    # ending it: "heute nacht mach ich schluss", "mach lieber vorher schluss"
    r"|\bmach\w* (?:ich )?(?:\w+ ){0,2}schluss\b(?! (?:mit|für|fur|bei|im|in)\b)"
    r"(?!.*\b(?:arbeit|feierabend|job|beziehung|freund\w*|für heute|gute nacht|bis morgen|pause)\b)"
    r"|\bwill (?:\w+ )?(?:nimmer|nimma)\s*(?:[.!?,]|$)"
    r"|\b(?:wär|wäre|wär) (?:\w+ )?gerne? tot\b|\b(?:müde|satt) (?:vom|des) leben\w*\b"
    r"|\bdas leben satt\b"
    r"|\b(?:will|möchte) (?:\w+ ){0,2}dass (?:alles|es) (?:\w+ )?aufhört\b(?! (?:zu|mit)\b)"
    r"|\bwie ich (?:es|das|alles) (?:beende|beenden)\b,?(?: [\w,]+){0,2}\s*(?:[.!?]|$)"
    r"|\bnicht mehr erleben (?:will|möchte|werde)\b|\b(?:will|möchte|werde) (?:\w+ ){0,4}nicht mehr"
    r" erleben\b"
    r"|\b(?:niemand|keiner) (?:würd\w*|wurd\w*|wird) (?:mich )?(?:\w+ )?(?:vermissen|merken)\b"
    r"|\bmir (?:was|etwas|öppis|eppes|ebbes|ebbis|epas) (?:an(?:zu)?tun|aztue|antue|aatue)\b"
    r"|\bhör\w* (?:\w+ ){0,2}auf mit allem\b(?! (?:was|das|ausser))"
    r"|\b(?:frag\w*|frage) (?:\w+ )?nicht (?:nur )?aus (?:neugier|spass|interesse)\b"
    r"|\b(?:absichtlich|mit absicht)\b,?(?: [\w,]+){0,5} (?:geschnitten|verletzt|verbrannt"
    r"|geritzt)\b"
    r"|\b(?:geschnitten|verletzt|verbrannt|geritzt)\b,? (?:\w+ ){0,2}(?:absichtlich|mit absicht)\b"
    # all the pills at once, "enough", "then it is quiet"
    r"|\balle (?:\w+ ){0,2}(?:kapseln|tabletten|medikamente|pillen)\b,?(?: [\w,]+){0,3} (?:auf ?ein"
    r"mal"
    r"|zusammen)\b,?(?: [\w,]+){0,4} (?:reicht|ruhe|vorbei|tot|sterbe\w*)\b"
    r"|\b(?:tabletten|kapseln|pillen|medikamente)\b,?(?: [\w,]+){0,5} (?:damit es reicht"
    r"|reicht (?:das"
    r"|es) dann)\b"
    r"|\bdann wisst ihr (?:ja )?(?:warum|wieso|bescheid)\b"
    r"|\b(?:bin|bi) (?:dann|denn|bald|morgen) (?:nicht mehr|nöd meh|nimmer|nimma) da\b"
)
# Wider meanings, read only without a mundane subject in the sentence.
_INDIRECT_KINDS = _c(
    r"\bbeschlossen,? (?:zu gehen|dass ich gehe|zu sterben)\b"
    r"|\b(?:will|möchte) (?:das|es|alles) beenden\s*(?:[.!?,]|$)"
    r"|\bkeinen? (?:bock|lust|kraft) mehr (?:auf|für) (?:alles|das leben|nichts)\b"
    r"|\bsehe? (?:einfach |echt )?keinen sinn mehr\s*(?:[.!?,]|$)"
    r"|\bdenk\w* (?:\w+ ){0,3}an (?:den|die|das) (?:balkon|brücke|dach|gleise|hochhaus)\b"
    r"(?: (?:im|in) \w+ \w+)?\s*(?:[.!?,]|$)"
    r"|\b(?:steh|stehe|sitz|sitze)\b (?:\w+ ){0,2}auf (?:der|dem) (?:brücke|dach|gleisen|balkon"
    r"|geländer)\s*(?:[.!?,]|$)"
    r"|\bfahr\w* (?:\w+ ){0,2}auf die brücke\b"
    r"|\bwohnung (?:ist )?aufgeräumt\b,?(?: [\w,]+){0,6} (?:bereit|soweit)\b"
    r"|\bhab alles vorbereitet\s*(?:[.!?,]|$)"
    r"|\b(?:bald|dann|morgen|heute nacht) (?:ist|ists|is) (?:alles |es )?vorbei\s*(?:[.!?,]|$)"
    r"|\b(?:hund|katze|kater|tiere?)\b,?(?: [\w,]+){0,8} (?:für immer|damit (?:er|sie|es) versorgt"
    r" ist)\b"
)
_MUNDANE_KINDS = _c(
    r"\b(?:urlaub|reise|umzug|umziehen|ausland|kur|reha|job|arbeit|studium|app|handy|wecker"
    r"|bot|tierarzt|ldn|therapie|rezept)\b"
)
# A farewell to the bot with no mundane reason given in the whole message.
_FAREWELL = _c(
    r"\b(?:wollte|will|möchte) mich (?:nur |noch |hiermit |einfach )?verabschieden\b"
    r"|\bwerd\w* mich (?:\w+ )?nicht mehr melden\b|\bpasst (?:gut )?auf euch auf\b"
    r"|\b(?:stop|stopp) für immer\b"
)
_FAREWELL_REASON = _c(
    r"\b(?:urlaub|reise|umzug|umziehen|ausland|app|wechsle|wechsel\w*|abgesetzt|absetzen|aufhör\w*"
    r" mit|arzt|ärztin|neue[nr]? (?:bot|app)|schwanger|ende der|beendet|fertig mit der"
    r"|klappt|geholfen|besser|gesund|nicht mehr nehm\w*|rezept|kasse|teuer|ldn|naltrexon|pause)\b"
    r"|\bhör\w* (?:\w+ ){0,3}auf\b|\bneue[ns]? (?:handy|nummer)\b"
)


_TRAVEL = _c(r"\b(?:urlaub|reise|verreis\w*|ferien|rezept|apotheke|vorrat|nachschub)\b")


def _suicidal_more(text: str) -> bool:
    for m in _SUICIDAL_KINDS.finditer(text):
        around = sentence(text, *m.span())
        if _TRAVEL.search(around):
            continue
        if GRAMMAR.negated(text, m.start()) or _NOT_SUICIDAL.search(around):
            continue
        if GRAMMAR.history.search(around):
            continue
        return True
    for m in _INDIRECT_KINDS.finditer(text):
        around = sentence(text, *m.span())
        if _MUNDANE_KINDS.search(around) or GRAMMAR.negated(text, m.start()):
            continue
        if _NOT_SUICIDAL.search(around) or GRAMMAR.history.search(around):
            continue
        return True
    return bool(_FAREWELL.search(text)) and not _FAREWELL_REASON.search(text)


_WEEKDAY = r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)s?"
# Overdoses of kinds the rules above missed: taken again "though I already had it", a third time
# today, "also doppelt" / "also 9 mg", morning and again in the evening, several nights' or a
# week's doses at once, a count swallowed at once or one after another, a spoon or a glass of
# the liquid, a handful, taken in secret, two doses given by mistake, a wrong strength noticed
# after one was taken, a miscounted or misread dose.
_OVERDOSE_KINDS = _c(
    r"\b(?:nochmal|noch mal|zweimal|zwei mal|2 mal|doppelt|wieder)\b,?(?: [\w,]+){0,3}"
    r" (?:genommen|geschluckt|eingenommen)\b,?(?: [\w,]+){0,4} (?:obwohl|dass|weil) ich (?:sie "
    r"|es |die"
    r" |das )?schon (?:\w+ )?(?:hatte|genommen)\b"
    r"|\b(?:zweimal|zwei mal|2 mal|doppelt)\b,?(?: [\w,]+){0,2} genommen\b,?(?: [\w,]+){0,3} (?:hab"
    r"|habe)"
    r" vergessen,? dass ich (?:sie |es |die )?schon\b"
    r"|\bschon wieder genommen\b|\b(?:das|zum) (?:dritte|vierte|zweite)n? mal (?:heute|heut)\b"
    r"|\balso (?:doppelt|zweimal|zwei mal|dreimal|drei mal|2 mal|3 mal)\b"
    r"|\b(?:morgen|morgens|früh|mittag)\b,?(?: [\w,]+){0,5} (?:und |u )?(?:am |heute |heut )?"
    r"(?:abend|abends)\b,?(?: [\w,]+){0,3} (?:nochmal|noch mal|wieder)\b"
    r"|\bmorgens (?:und|u) abends\b,?(?: [\w,]+){0,4} (?:verlesen|versehen|versehentlich"
    r"|verwechselt)\b"
    r"|\b(?:zwei|2|drei|3|vier|4) (?:nächte|tage|abende|tages|abend)\w* ?(?:dosis|dosen)\b"
    r"(?: \w+){0,2} (?:auf ?einmal|zusammen|genommen|geschluckt)\b"
    r"|\b(?:ganze[nr]?|komplette[nr]?) (?:woche\w*|wochen ?vorrat|wochendosierer|wochenbox"
    r"|wochenration)\b,?(?: [\w,]+){0,4} (?:geschluckt|genommen|eingeworfen|auf ?einmal)\b"
    r"|\bwochendosierer\b,?(?: [\w,]+){0,3} auf ?einmal\b"
    r"|\b(?:jedes ?mal|jeweils) (?:zwei|2|drei|3) (?:\w+ )?(?:genommen|geschluckt)\b"
    r"|\b(?:schnapsglas|esslöffel|essl[öo]ffel|glas|becher|halbe flasche|ganze flasche|halbe"
    r" fläschchen|ganze fläschchen)\b,?(?: [\w,]+){0,5} (?:genommen|getrunken|runtergekippt"
    r"|geschluckt|runter)\b"
    r"|\b(?:handvoll|hand voll)\b,?(?: [\w,]+){0,3} (?:genommen|geschluckt|eingeworfen)\b"
    r"|\b(?:genommen|geschluckt)\b,?(?: [\w,]+){0,2} (?:ne |eine )?(?:ganze )?(?:handvoll"
    r"|hand voll)\b"
    r"|\bheimlich (?:\w+ ){0,5}(?:genommen|geschluckt|eingenommen)\b"
    r"|\b(?:versehen|versehentlich)\b,?(?: [\w,]+){0,6} (?:zweimal|zwei mal|2 mal|doppelt)\b"
    r",?(?: [\w,]+){0,3} gegeben\b"
    r"|\b(?:also|macht) (?:drei|vier|fünf|sechs|[3-9]) (?:stück )?insgesamt\b"
    r"|\bnachgelegt\b,?(?: [\w,]+){0,8} (?:nochmal|noch mal|drei|insgesamt)\b"
    # twice by someone who forgets: "hat ihre ldn heute abend zweimal genommen, sie ist dement"
    r"|\b(?:zweimal|zwei mal|2 mal|doppelt)\b,?(?: [\w,]+){0,2} genommen\b"
    r"(?=.*\b(?:dement\w*|demenz|verwirrt|vergessen|vergesslich)\b)"
    # two days' compartments at once: "den Dienstag und Mittwoch genommen", "die fächer von
    # montag und dienstag geschluckt"
    rf"|\b(?:den|die|das|fach|fächer|dosen|kapseln) (?:von |vom |für )?{_WEEKDAY}"
    rf" (?:und|u|\+|&) (?:den |die |das |von |vom )?{_WEEKDAY},?(?: [\w,]+){{0,3}}"
    r" (?:genommen|geschluckt|eingenommen|eingeworfen)\b"
    # someone else's capsule, then one's own: "die kapsel von meiner schwiegermutter genommen und
    # dann noch meine eigene"
    r"|\b(?:genommen|geschluckt)\b,?(?: \w+){0,2} (?:dann |danach )?noch (?:(?:meine|meinen|die)"
    r" eigenen?\b|meinen?(?= ?(?:[.,!?]|$)))"
    # a dose given twice by two people: "hat ihre ldn zweimal bekommen", "doppelt verabreicht"
    r"|\b(?:ldn|dosis|kapsel\w*|tablette\w*)\b,?(?: [\w,]+){0,3} (?:zweimal|zwei mal|2 mal|2 ?x"
    r"|doppelt) (?:bekommen|gekriegt|verabreicht)\b"
    r"|\b(?:zweimal|zwei mal|2 mal|2 ?x|doppelt) (?:\w+ ){0,2}(?:ldn|dosis|kapsel\w*|tablette\w*)"
    r" (?:bekommen|gekriegt|verabreicht)\b"
    r"|\bbeide (?:\w+ ){0,2}(?:die |seine |ihre )?(?:ldn|dosis|kapsel\w*|tablette\w*) gegeben\b"
    r"(?! bekommen)"
)
_NOT_OVERDOSE_KINDS = _c(
    r"\b(?:wenn|falls|ob|bevor|rechtzeitig|zurückgelegt|zurück gelegt|nicht genommen|arzt|ärztin"
    r"|verordnet|verschrieben|soll ich|darf ich|kann ich)\b"
)
_SO_MUCH_MG = re.compile(r"\balso (\d+(?:\.\d+)?) ?mg\b")
_TIMES_STRENGTH = _c(
    rf"\b({_COUNT}) ?(?:mal|x) (\d+(?:\.\d+)?) ?(?:mg|er)\b,?(?: [\w,]+){{0,2}} (?:hintereinander"
    r"|genommen|geschluckt|auf einmal|zusammen)\b"
)
_COUNT_AT_ONCE = _c(
    rf"\b({_COUNT}) (?:stück|stk|kapseln|kapsel|tabletten|tablette|pillen)\b,?(?: [\w,]+){{0,4}}"
    r" (?:auf ?einmal|zusammen|gleichzeitig|rein|runter|geschluckt|reingehauen|eingeworfen)\b"
)
# "sechs stück von den 1,5ern rein", "drei genommen weil ich dachte das bringt mehr", "zehn
# kapseln. hab ich grad genommen."
_COUNT_OF_THOSE = _c(
    rf"\b({_COUNT}) (?:stück |kapseln |tabletten )?von den (\d+(?:\.\d+)?) ?(?:er|ern|ner|mg)\b"
    r",?(?: [\w,]+){0,2} (?:rein|runter|genommen|geschluckt|eingeworfen)\b"
)
_MORE_HELPS_MORE = _c(
    rf"\b({_COUNT}) (?:\w+ ){{0,4}}(?:genommen|geschluckt)\b,?(?: [\w,]+){{0,6}}"
    r" (?:bringt|hilft|wirkt) (?:mehr|besser|schneller)\b"
)
_COUNT_THEN_TAKEN = _c(
    rf"\b({_COUNT}) (?:kapseln|tabletten|pillen|stück)\b[ .!,]{{1,4}}(?:hab|habe) ich (?:\w+ )?"
    r"(?:genommen|geschluckt)\b"
)
_ALL_OF_THEM = _c(r"\balle (?:sieben|sechs|fünf|acht|zehn|\d+)\b")
# all of a count taken when one was meant: "hab alle drei genommen ... sollte nur eine sein"
_ALL_COUNT_TAKEN = _c(rf"\balle (?:{_COUNT}) (?:\w+ )?(?:genommen|geschluckt|eingenommen)\b")
_ONLY_ONE_MEANT = _c(
    r"\b(?:sollte|sollten|hätte|wäre|ist eigentlich|war eigentlich) (?:\w+ )?(?:nur|bloss"
    r"|eigentlich) (?:eine|einer|eins|1)\b|\bohne nachzudenken\b|\bversehentlich\b"
)
_MISCOUNTED = _c(r"\b(?:verrechnet|verzählt|verlesen|verguckt)\b")
_ONE_ALREADY = _c(r"\b(?:schon|bereits) (?:eine |1 |eins |die |sie )?(?:genommen|geschluckt)\b")


def _overdose_more(text: str) -> bool:
    if _THOUGHT_BUT_NOT.search(text) or _OVERDOSE_MEDIA.search(text):
        return False
    for m in _OVERDOSE_KINDS.finditer(text):
        around = sentence(text, *m.span())
        before = GRAMMAR.before(text, m.start())
        now = re.search(r"\b(?:grad|gerade|eben|schon|bereits)\b", before)
        if (_NOT_OVERDOSE_KINDS.search(before) and not now) or _NOT_LDN.search(around):
            continue
        nearly = re.search(r"\bfast (?:die |den |das )?$", text[max(0, m.start() - 12) : m.start()])
        if (GRAMMAR.negated(text, m.start()) and not nearly) or _PRESCRIBER.search(around):
            continue
        return True
    for m in _SO_MUCH_MG.finditer(text):
        if float(m.group(1)) > 4.5 and _TAKEN.search(text) and not _PRESCRIBER.search(text):
            return True
    for m in _TIMES_STRENGTH.finditer(text):
        if number(m.group(1), _NUMBERS) * float(m.group(2)) > 4.5 and not _PRESCRIBER.search(text):
            return True
    for m in _COUNT_AT_ONCE.finditer(text):
        around = sentence(text, *m.span())
        if number(m.group(1), _NUMBERS) < 3 or _PRESCRIBER.search(around):
            continue
        if _OVER_TIME.search(around) or _NOT_LDN.search(around):
            continue
        if _NOT_OVERDOSE_KINDS.search(GRAMMAR.before(text, m.start())):
            continue
        if GRAMMAR.negated(text, m.start()) or re.search(
            r"\b(?:nehm\w*|nimm\w*|schlucke?)\b", around
        ):
            continue
        strength = _STRENGTH_AFTER.search(text[m.end() : m.end() + 30]) or _ONE_OF.search(around)
        if strength and number(m.group(1), _NUMBERS) * float(strength.group(1)) <= 4.5:
            continue  # "3 kapseln à 1,5 geschluckt": the dose
        if re.search(r"\bwie (?:immer|verordnet|verschrieben)\b|\b(?:meine|tages)dosis\b", around):
            continue
        return True
    if _ALL_OF_THEM.search(text) and re.search(r"\bauf ?einmal\b", text) and _TAKEN.search(text):
        return True
    if _ALL_COUNT_TAKEN.search(text) and _ONLY_ONE_MEANT.search(text):
        return True
    if (
        _MISCOUNTED.search(text)
        and (_TAKEN.search(text) or _TAKING.search(text))
        and _A_DOSE.search(text)
        and not re.search(r"\b(?:bevor|rechtzeitig|gemerkt bevor|zurück|noch nicht)\b", text)
    ):
        return True
    for m in _COUNT_OF_THOSE.finditer(text):
        total = number(m.group(1), _NUMBERS) * float(m.group(2))
        if total > 4.5 and not _PRESCRIBER.search(sentence(text, *m.span())):
            return True
    if any(number(m.group(1), _NUMBERS) >= 2 for m in _MORE_HELPS_MORE.finditer(text)):
        return True
    for m in _COUNT_THEN_TAKEN.finditer(text):
        if number(m.group(1), _NUMBERS) >= 3 and not GRAMMAR.negated(text, m.start()):
            return True
    strong = any(float(m.group(1)) >= 10 for m in _BIG_STRENGTH.finditer(text))
    ordered = re.search(r"\b(?:arzt|ärztin|verschrieben|verordnet)\b", text)
    if strong and _ONE_ALREADY.search(text) and not ordered:
        return True  # "die kapseln sind 45 mg?? hab schon eine genommen"
    grabbed = re.search(r"\b(?:erwischt|genommen|geschluckt)\b", text)
    mistaken = re.search(r"\b(?:statt|anstatt|versehentlich|verwechselt)\b", text)
    asked = re.search(r"\b(?:wenn|falls|ob)\b", text)
    return bool(strong and grabbed and mistaken and not asked and not ordered)


_OVERDOSE_MEDIA = _c(
    r"\b(?:tatort|krimi|netflix|serienmarathon|gespielt|schauspieler\w*)\b"
    # a dose logged twice in the app, not taken twice: "zweimal auf 'genommen' gedrückt"
    r"|\b(?:app|kalender|tracker|erinnerung)\b(?: [\w,]+){0,8} (?:gedrückt|geklickt|getippt"
    r"|angeklickt)\b"
)


# Symptoms in words the patterns above missed (and dialect): a chest that is tight, squeezed or
# held; fainting told as a blackout, a collapse or waking on the floor; yellow skin "gelblich";
# dark-brown urine; seizures counted; two lines on a test; an opioid taken beside LDN.
_CHEST_KINDS = _c(
    r"\b(?:zieht|drückt|sticht|brennt|enge\w*|druck|engegfühl|engegefühl|drückend\w* gefühl"
    r"|enges gefühl|schweres gefühl)\b,?(?: [\w,]+){0,4} (?:im|in der|in da|in de|hinter dem"
    r"|hinterm"
    r"|um die|i de) (?:brustkorb|brust|brustbein)\b"
    r"|\bbrustkorb\b,?(?: [\w,]+){0,4} (?:eng|zusammendrück\w*|zusammengedrückt|zugeschnürt)\b"
    r"|\bring um (?:die|meine) brust\b|\bhalt sich (?:\w+ )?(?:die |an der )?brust\b"
    r"|\bstäche i de brust\b|\bstechen in der brust\b,?(?: [\w,]+){0,6} arm\b"
)
_NOT_CHEST_KINDS = _c(
    # an arm sore from a jab
    r"\b(?:impf\w*|geimpft)\b|"
    r"\b(?:vater|mutter|opa|oma|bruder|schwester|onkel|tante|papa|mama)\b,?(?: [\w,]+){0,4}"
    r" (?:hatte|hat) (?:\w+ ){0,3}herzinfarkt|\bherzinfarkt hatte (?:mein|meine)\b"
)
_FAINTING_KINDS = _c(
    r"\b(?:kreislauf)?kollaps\b|\bzs?amm?e?g?sackt\b"
    r"|\bblackout\b,?(?: [\w,]+){0,8} (?:aufgewacht|zu mir gekommen|weg war|boden)\b"
    r"|\bschwarz vor (?:den )?augen\b,?(?: [\w,]+){0,4} (?:lag|aufgewacht|zu mir)\b"
    r"|\bumgefallen\b,?(?: [\w,]+){0,4} (?:nicht (?:gleich |sofort )?wach|bewusstlos)"
    r"|\bwar (?:richtig|komplett|völlig|ganz) weg\b|\bsack\w* (?:\w+ )?(?:fast )?weg\b"
    r"|\b(?:aufgewacht|zu mir gekommen|wach geworden)\b,?(?: [\w,]+){0,3} (?:aufm|am) \w*boden\b"
    r"|\b(?:immer wieder|mehrmals|ständig) schwarz\b"
)
_NOT_FAINTING_KINDS = _c(
    r"\b(?:abgeklärt|tierarzt|alles ok|sofort wieder|vor (?:\w+ )?(?:jahren|monaten))\b"
    # slumped onto the couch worn out; "bin so weggetreten" as absent-minded
    r"|\b(?:couch|sofa|bett)\b(?=.*\b(?:platt|müde|erschöpft|fertig|kaputt|fatigu\w*|erledigt"
    r"|schlapp)\b)"
    r"|\b(?:bin|ist) (?:\w+ ){0,2}(?:so|total|voll|irgendwie|geistig) weggetreten\b"
)
_YELLOW_TOLD = _c(
    r"\b(?:augen|haut|gesicht)\b(?: \w+){0,3} gelb geworden\b"
    r"|\bgelb geworden\b,? (?:\w+ )?(?:im |in den |an den )?(?:gesicht|augen|haut)\b"
)
_BLEEDING_ON = _c(r"\bblut\w*\b(?: [\w,]+){0,10} (?:hört|hörts) (?:es )?nicht (?:mehr )?auf\b")
_PET_CHEWED = _c(
    rf"\b(?:{_PET}|katz)\b,?(?: [\w,]+){{0,4}} (?:\w*blister\w*|\w*packung|kapsel\w*|tablett\w*"
    r"|pille\w*|ldn)\b,?(?: [\w,]+){0,2} (?:zerkaut|angeknabbert|zerbissen|gfressn|gefressen)\b"
    # the pill box got at, compartments empty: "der welpe hat den wochenplaner erwischt, drei
    # fächer leer"
    rf"|\b(?:{_PET}|katz)\b,?(?: [\w,]+){{0,4}} (?:\w*planer|\w*dosierer|\w*box|dose|\w*packung)"
    r"\b,?(?: [\w,]+){0,2} (?:erwischt|geklaut|zerlegt|aufgemacht)\b,?(?: [\w,]+){0,3}"
    r" (?:fächer|fach|kapseln|tabletten) (?:\w+ )?(?:leer|fehlen|weg)\b"
)
_CHILD_DRANK = _c(
    rf"\b(?:{_CHILD}|jungs|junge)\b,?(?: [\w,]+){{0,10}} (?:daraus|davon) (?:\w+ )?(?:getrunken"
    r"|genascht|geschluckt|gegessen)\b(?=.*\b(?:ldn|flasche|lösung|flüssig\w*|spritze)\b)"
    rf"|\b(?:{_CHILD})\b,?(?: [\w,]+){{0,8}} (?:lösung|flüssigkeit|ldn)\b,?(?: [\w,]+){{0,4}}"
    r" in den mund (?:gedrückt|gespritzt|geschüttet)\b"
)
_EMPTY_OR_PREVENTED = _c(
    r"\b(?:leere[nrs]?|rechtzeitig|fast|beinahe|nix mehr drin|nichts mehr drin|nix gefressen"
    r"|nichts gefressen)\b"
)
_YELLOW_KINDS = _c(
    r"\bgelb\w* (?:im gesicht|um die augen|in den augen)\b|\bgälb\w*|\b(?:haut|gesicht|augen)\b"
    r"(?: \w+){0,8} gelblich\b"
)
_NOT_YELLOW_KINDS = _c(r"\bvor neid\b|\bkapsel\w*|\btablette\w*")
_DARK_URINE_KINDS = _c(
    r"\bdunkel\w* (?:urin|harn|pipi)\b|\b(?:urin|harn|pipi)\b (?:ist |war )?(?:\w+ )?dunkel\w*"
    r"|\b(?:urin|harn)\b(?: \w+){0,3} (?:wie cola|wie schwarztee|colafarben)\b"
)
# pale stool with pain under the right ribs: the liver ("stuhl ist ganz hell fast weiss")
_PALE_STOOL = _c(
    r"\b(?:stuhl|stuhlgang|kot|kacka)\b (?:ist |war )?(?:\w+ ){0,2}(?:hell|weiss|grau|lehmfarben"
    r"|entfärbt|grau ?weiss)\b"
)
_RIGHT_UPPER = _c(
    r"\brechts (?:oben|unter den rippen|unter dem rippenbogen|unterm rippenbogen)\b"
    r"|\brechte[nr]? oberbauch\b"
    r"|\bunter den rechten rippen\b"
)
_WOKE_BITTEN = _c(
    r"\bmit (?:einem )?zungenbiss (?:\w+ )?aufgewacht\b(?=.*\b(?:gekrampft|gezuckt|krampf\w*"
    r"|anfall)\b)"
)
_SEIZURE_KINDS = _c(
    r"\b(?:zwei|drei|mehrere|[2-9]) (?:epileptische )?anfälle\b"
    r"|\bkrampf ?anf[aä]ll\w*\b.{0,60}\bhatte (?:heute |gestern |grad |eben )?(?:früh |morgen )?"
    r"(?:einen|einer|zwei)\b"
)
_PREGNANT_KINDS = _c(
    r"\bzwei striche (?:auf dem|aufm|am|im) (?:\w+)?test\b"
    r"|\b(?:frauenarzt|frauenärztin|gyn\w*)\b,?(?: [\w,]+){0,3} (?:\d+ woche|\d+ ssw)\b"
)
_CO_USE_KINDS = _c(
    r"\bbeides (?:schon |jetzt )?(?:drin|genommen|intus)\b|\bam selben (?:abend|tag|morgen)\b"
    r"|\bzusammen\b|\bdazu\b|\bseit (?:gestern|heute|einer woche|letzter woche|\w+ tagen"
    r"|\w+ wochen) (?:\w+ )?"
    r"(?:ldn|naltrexon)\b|\bjeden (?:tag|abend|morgen)\b|\b(?:ldn"
    r"|naltrexon) (?:\w+ ){0,3}probiert\b"
    r"|\b(?:genommen|bekommen|gegeben)\b,?(?: [\w,]+){0,8} (?:ldn|naltrexon) genommen\b"
    r"|\b(?:ldn|naltrexon) genommen\b,?(?: [\w,]+){0,6} (?:genommen|bekommen|gegeben)\b"
)
_CO_USE_NOT = _c(
    r"\b(?:soll ich|darf ich|kann ich|bevor|vor dem start|vor \d+ wochen|abgesetzt|aufgehört"
    r"|wenn|falls|ob|clean|früher|hatte vor|mein arzt sagt|nie)\b"
)


_CO_USE_TAKEN = _c(
    r"\b(?:genommen|nehm\w*|nimm\w*|drin|intus|probiert|bekommen|gegeben|trink\w*|geschluckt)\b"
)
_LDN_SINCE = _c(
    r"\bseit (?:gestern|heute|einer woche|letzter woche|\w+ tagen|\w+ wochen) (?:\w+ )?(?:ldn"
    r"|naltrexon)\b"
)


def _opioid_co_use_more(text: str) -> bool:
    if not (_OPIOID.search(text) and _LDN.search(text)):
        return False
    if _CO_USE_NOT.search(text) or _SOMEONE_ELSE.search(text) or _OPIOID_DENIED.search(text):
        return False
    if not (_CO_USE_TAKEN.search(text) or _LDN_SINCE.search(text)):
        return False  # "ldn und tramadol zusammen erlaubt?": a question, nothing taken
    return any(not GRAMMAR.negated(text, m.start()) for m in _CO_USE_KINDS.finditer(text))


# An opioid at hand, to be swallowed now, by a patient on LDN ("hab grad eine codein von der
# apotheke in der hand, nehm seit 2 monaten ldn. darf ich die jetzt schlucken?"): about to be
# taken together, not a question about some day.
_OPIOID_AT_HAND = _c(
    r"\b(?:in der hand|vor mir|hier liegen|geholt|abgeholt|gekauft|bekommen)\b"
    r"(?=.*\b(?:jetzt|gleich|sofort) (?:schlucken|nehmen|einnehmen|einwerfen|trinken)\b)"
)
_ON_LDN_NOW = _c(
    r"\bnehm\w* (?:\w+ ){0,4}(?:ldn|naltrexon)\b|\b(?:bin|ist) (?:auf|unter) (?:ldn|naltrexon)\b"
    r"|\b(?:ldn|naltrexon) seit\b"
)


def _opioid_at_hand(text: str) -> bool:
    opioid = _OPIOID.search(text)
    if opioid is None or not _ON_LDN_NOW.search(text):
        return False
    if _SOMEONE_ELSE.search(text) or _OPIOID_DENIED.search(text) or GRAMMAR.history.search(text):
        return False
    return any(
        not GRAMMAR.negated(text, m.start()) for m in _OPIOID_AT_HAND.finditer(text, opioid.start())
    )


def _symptom(
    pattern: re.Pattern[str], unless: re.Pattern[str] | None = None, *, told: bool = False
) -> Detector:
    """`told`: the pattern says it happened ("hatte heute früh einen", "gelb geworden"), so a
    question around it ("kann man ... bekommen?", "wieso ...") does not make it hypothetical."""

    def detect(text: str) -> bool:
        for m in pattern.finditer(text):
            around = sentence(text, *m.span())
            if unless is not None and unless.search(around):
                continue
            if told and not GRAMMAR.negated(text, m.start()) and not GRAMMAR.history.search(around):
                return True
            if GRAMMAR.report(text, *m.span()):
                return True
        return False

    return detect


def _jaundice_more(text: str) -> bool:
    if _symptom(_YELLOW_KINDS, _NOT_YELLOW_KINDS)(text):
        return True
    if (_symptom(_PALE_STOOL)(text) or _symptom(_DARK_URINE_KINDS)(text)) and _RIGHT_UPPER.search(
        text
    ):
        return True
    return _symptom(_DARK_URINE_KINDS)(text) and Rule("jaundice", _BELLY_PAIN).fires(GRAMMAR, text)


# The look-alikes' kinds added to the exceptions: a father's heart attack, a faint long
# cleared by the doctor or a pet that got up at once, an "anfall von putzwut".
_NOT_CHEST = re.compile(_NOT_CHEST.pattern + "|" + _NOT_CHEST_KINDS.pattern)
_NOT_FAINTING = re.compile(_NOT_FAINTING.pattern + "|" + _NOT_FAINTING_KINDS.pattern)
_NOT_SEIZURE = re.compile(
    _NOT_SEIZURE.pattern
    + r"|\banfall von\b|"
    # jerks while falling asleep "wie wenn man fällt"; a tongue bitten while eating
    + _c(
        r"\bzuck\w* beim einschlafen\b|\bbeim einschlafen (?:\w+ ){0,2}zuck\w*|\beinschlafzuck\w*"
        # a shrug: "hat nur mit den Schultern gezuckt"
        r"|\bmit (?:den |der )?(?:schultern|schulter|achseln) gezuckt\b"
        r"|\b(?:schulter|achsel)zuck\w*"
        r"|\b(?:zungenbiss|zunge gebissen)\b(?: \w+){0,2} beim (?:essen|kauen|sprechen)\b"
        r"|\bbeim (?:essen|kauen)\b(?: \w+){0,3} (?:auf |in )?(?:die |meine )?zunge gebissen\b"
    ).pattern
)


_NOT_ALLERGIC = re.compile(
    _NOT_ALLERGIC.pattern
    + "|"
    + _c(
        r"\b(?:salzig|lange wach|wenig geschlafen|leicht verquollen|netflix|kurze nacht"
        r"|durchgemacht\w*|durchgefeiert\w*|gezockt)\b"
    ).pattern
)
# "die 50 mg tablette statt meiner kleinen": the patient's own small strength, not a child
_SMALL_ONES = _c(
    r"\b\d+(?:\.\d+)? ?(?:mg|er)\b.*\b(?:statt|anstatt|anstelle) (?:meiner|meinen|meine|der|den"
    r"|die) kleinen\b(?!(?: \w+){0,2} (?:hat|ist|hatte|war|mit)\b)"
)
# Not a swallowing: a story in the news, an empty washed-out box, the pills safe elsewhere.
_NOT_SWALLOWED_KINDS = _c(
    r"\b(?:nachrichten|zeitung|ausgewaschen|hausschuh\w*|socke\w*|schuh\w*)\b"
    r"|\bzum glück (?:\w+ ){0,2}(?:im|in|oben|weggeschlossen|sicher)\b"
)
_NOT_A_CHILD = re.compile(_NOT_SWALLOWED_KINDS.pattern + "|" + _SMALL_ONES.pattern)
_WITHDRAWAL_LONG_AGO = _c(r"\b(?:seitdem|seither) clean\b|\bclean seit\b")


def _unless(detect: Detector, pattern: re.Pattern[str]) -> Detector:
    return lambda text: not pattern.search(text) and detect(text)


RULES = LanguageRules(
    code="de",
    grammar=GRAMMAR,
    help_wrapper=_HELP_WRAPPER,
    replacements=_REPLACEMENTS,
    german=True,
    detectors=(
        ("suicidal", _any(_suicidal_said, _last_arrangements, _suicidal_more)),
        (
            "child-ingestion",
            _unless(
                _any(
                    _swallowed(_ingestion_by(_CHILD)),
                    _played_and_drowsy,
                    _box_emptied_by_child,
                    _found_opened_by_child,
                    _symptom(_CHILD_DRANK, told=True),
                ),
                _NOT_A_CHILD,
            ),
        ),
        (
            "pet-ingestion",
            _unless(
                _any(_swallowed(_ingestion_by(_PET)), _symptom(_PET_CHEWED, _EMPTY_OR_PREVENTED)),
                _NOT_SWALLOWED_KINDS,
            ),
        ),
        ("opioid-withdrawal", _unless(_opioid_withdrawal, _WITHDRAWAL_LONG_AGO)),
        ("overdose", _any(_overdose, _overdose_more, _overdose_told)),
        (
            "seizure",
            _any(
                rules_detector(GRAMMAR, [Rule("seizure", _SEIZURE, unless=_NOT_SEIZURE)]),
                _symptom(_SEIZURE_KINDS, _NOT_SEIZURE, told=True),
                _symptom(_WOKE_BITTEN, told=True),
            ),
        ),
        (
            "chest-pain",
            _any(
                rules_detector(GRAMMAR, [Rule("chest-pain", _CHEST, unless=_NOT_CHEST)]),
                _symptom(_CHEST_KINDS, _NOT_CHEST),
            ),
        ),
        (
            "allergic-reaction",
            rules_detector(GRAMMAR, [Rule("allergic-reaction", _ALLERGIC, unless=_NOT_ALLERGIC)]),
        ),
        (
            "fainting",
            _any(
                rules_detector(GRAMMAR, [Rule("fainting", _FAINTING, unless=_NOT_FAINTING)]),
                _symptom(_FAINTING_KINDS, _NOT_FAINTING),
            ),
        ),
        (
            "jaundice",
            _any(_jaundice, _jaundice_more, _symptom(_YELLOW_TOLD, _NOT_YELLOW_KINDS, told=True)),
        ),
        (
            "other-emergency",
            rules_detector(
                GRAMMAR,
                [
                    Rule("other-emergency", _OTHER, unless=_EXERTION),
                    Rule("other-emergency", _HEAD_BLEEDING, requires=_FALL_OR_BLOW),
                    Rule("other-emergency", _BLEEDING_ON),
                ],
            ),
        ),
        ("opioid-co-use", _any(_opioid_co_use, _opioid_co_use_more, _opioid_at_hand)),
        ("pregnancy", _any(_pregnancy, _symptom(_PREGNANT_KINDS, _TEST_NOT_NOW))),
    ),
)
rules_triage = RULES.triage


# ------------------------------------------------------------------ the semantic net's gate

# What the triage's semantic net may read (see `faq.triage.NetGate`): not a question that names
# nobody ("kann LDN Krampfanfälle auslösen?"), not an explicit denial ("keine Brustschmerzen");
# and who or what a concern needs named.
_NET_GENERAL_QUESTION = _c(
    r"^[ ,]*(?:was|wie|warum|wieso|weshalb|welche\w*|wann|wo|wer|wieviel\w*|kann|können|könnte"
    r"|darf|dürfen|soll|sollte|muss|ist|sind|gibt es|macht|machen|verursacht|löst)\b"
)
_NET_SOMEONE = _c(
    r"\b(?:ich|ichs|mir|mich|mein\w*|wir|uns|unser\w*|er|sie|ihm|ihn|ihr|ihre\w*|sein\w*|hab|habe"
    r"|bin|nehm|nehme|i|mi|mei|meim)\b"
    rf"|\b(?:{_CHILD}|{_PET}|mann|frau|partner\w*|mutter|vater|mama|papa|freund\w*)\b"
)
_NET_DENIAL = _c(
    # stopping the medicine ("ich will ldn absetzen, sofort oder ausschleichen?")
    r"\b(?:ldn|naltrexon|die kapseln|die tabletten|das medikament) (?:\w+ ){0,2}(?:absetzen"
    r"|abzusetzen|weglassen|aufhören|aufhoren)\b|\bmit (?:der |dem )?(?:ldn|naltrexon"
    r"|medikament) (?:\w+ ){0,2}aufh\w*|"
    r"\bnicht (?:suizidal|selbstmordgefährdet|lebensmüde)\b|\b(?:denke|dachte) nicht (?:daran"
    r" )?(?:mich umzubringen|an (?:suizid|selbstmord))\b|\b(?:werde|will) mir nichts antun\b"
    r"|\b(?:nicht|kein\w*|nie|niemals|ohne)(?: \w+){0,3} (?:ohnmächtig|ohnmacht|umgekippt"
    r"|krampf\w*|anfall\w*|brustschmerz\w*|schmerzen in der brust|quaddeln|nesselsucht|ausschlag"
    r"|schwellung\w*|geschwollen|schwanger\w*|suizid\w*|selbstmord\w*|überdosis|gelb\w*"
    r"|entzug\w*|atemnot)\b"
    # a worry about a double dose answered: only one taken after all, or none more
    r"|\b(?:aber|doch) nur einmal genommen\b|\blieber keine (?:mehr )?genommen\b"
    # asked before taking: "hab noch nix davon genommen"
    r"|\bnoch (?:nix|nichts|nicht|keine?n?) (?:davon |von \w+ )?genommen\b"
    # someone in a forum or a group tells of it; a film or the news; a question answered no
    r"|\b(?:im|in der|in einem|in einer) (?:tatort|krimi|film|serie|doku|nachrichten|sendung)\b"
    r"|\b(?:bei|in) (?:in aller freundschaft|grey ?s(?: anatomy)?|dr house|der klinik"
    r"|emergency room|the good doctor|der bergdoktor|der sendung)\b"
    # a question sent twice: "sorry für die doppelte frage"
    r"|\bdoppelte[n]? (?:frage|nachricht|post)|\bzweimal (?:gefragt|geschrieben|geschickt)\b"
    r"|\b(?:meinte|sagte|sagt|meint) (?:er |sie )?nein\b"
    r"|\b(?:jemand|einer|eine|leute) (?:\w+ )?(?:im|in einem|in der|aus dem) (?:forum|gruppe"
    r"|chat)\b"
    # a question for some day; last week bad, well now
    r"|\b(?:falls|wenn) ich (?:\w+ )?(?:mal|irgendwann|jemals) (?:aus versehen|versehentlich)\b"
    r"|\b(?:letzte woche|letzten monat|vor (?:\w+ )?(?:tagen|wochen|monaten|einem monat))\b"
    r".*\b(?:jetzt|inzwischen|mittlerweile) (?:geht es|gehts|ist es|bin ich) (?:\w+ )?(?:besser"
    r"|wieder gut|gut)\b"
)
# Whether an opioid and LDN go together, or how long before LDN to stop one, asked with nothing
# taken together and no withdrawal told ("mein vater nimmt tilidin, darf er auch ldn nehmen"):
# the FAQ's opioid answer, not a report (see `faq.triage.NetGate.combining_asked`).
_NET_COMBINING_ASKED = _c(
    r"^(?!.*\b(?:genommen|eingenommen|geschluckt|gerade|grad|vorhin|eben|gestern abend|heute nacht"
    r"|heute abend|vor (?:einer|zwei|drei|\d+|einer halben) stunden?|zusammen genommen|beides"
    r"|angefangen|gespritzt|bekommen)\b)"
    rf"(?!.*(?:{_WITHDRAWAL.pattern}|{_WITHDRAWAL_SIGNS.pattern}))"
    rf"(?=.*{_OPIOID.pattern})"
    r".*\b(?:(?:darf|kann|konnte|durfte) (?:ich|man|er|sie|mein\w*) (?:\w+ ){0,5}(?:nehmen"
    r"|einnehmen|kombinieren|anfangen|beginnen|starten)|(?:konnen|durfen) (?:\w+ ){0,5}(?:nehmen"
    r"|einnehmen|kombinieren)|vertragt sich|vertragen sich|zusammen (?:nehmen|einnehmen)"
    r"|kombinier\w*|wechselwirkung\w*|wie lange (?:\w+ ){0,4}(?:vorher|davor|vor)|vorher absetzen"
    r"|absetzen,? (?:bevor|vor)|bevor ich (?:\w+ ){0,2}(?:anfange|beginne|starte))\b"
)
NET_GATE = NetGate(
    prepare=RULES.prepare,
    general_question=_NET_GENERAL_QUESTION,
    someone=_NET_SOMEONE,
    denial=_NET_DENIAL,
    combining_asked=_NET_COMBINING_ASKED,
    needs=concern_needs(
        opioid=_OPIOID.pattern,
        withdrawal=_WITHDRAWAL.pattern,
        ldn=r"ldn|naltrexon|(?:meine|die) (?:\w+ )?dosis",
        child=_CHILD,
        pet=_PET,
        # "schlaf wie ein baby" is sleep, not a baby
        pregnancy=_c(
            r"\b(?:schw\w{0,2}nger\w*|positiv\w*|(?<!wie ein )(?<!wia a )(?<!wie a )baby|erwarte\w*"
            r"|ssw|in der \d+ woche)\b"
        ),
    ),
)
