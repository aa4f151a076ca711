"""The safety triage's rules for messages written in Spanish.

The same concerns as the English rules (`faq.triage.CONCERNS`), in the words patients use:
accents typed or not ("convulsión", "convulsion"), typos ("desmalle", "kiero", "pexo"), a report
inside a question ("es grave? me tomé seis cápsulas"). A question about a topic ("¿puede la LDN
causar convulsiones?"), a negation ("no me duele el pecho"), family history, figures of speech
("me muero de risa", "casi me da un infarto") and a dose the prescriber changed are not reports.

Patterns are written in folded form (lowercase, no accents: "nino" for "niño"). Tuned on
tests/faq/triage_devset.es.tsv; tests/faq/triage_heldout.es.tsv was written after the tuning.
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
    near,
    number,
    opioid_co_use_detector,
    rules_detector,
    sentence,
    suicidal_detector,
)

_NUMBER_WORDS = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30,
    "varias": 3, "varios": 3, "muchas": 5, "muchos": 5, "un punado de": 5, "un monton de": 5,
    "ambas": 2,
}  # fmt: skip
_COUNT = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"

GRAMMAR = Grammar(
    clause_break=re.compile(r"(?<!\d)\.|\.(?!\d)|[!?;,\n]|\bpero\b|\baunque\b"),
    negation_before=re.compile(
        r"\b(?:no|nunca|sin|ni|jamas|tampoco|ningun\w*|nada|casi|por poco)\b(?: \w+){0,2} $"
    ),
    question_before=re.compile(
        r"\b(?:si|en caso de|por si|que pasa|que ocurre|causa\w*|provoca\w*|produce\w*"
        r"|puede (?:dar|causar|provocar|producir)|riesgo de|riesgos de|sintomas? de|signos? de"
        r"|sobre|acerca de|evitar|prevenir|es verdad que|es cierto que|(?<!me )dicen que|he leido"
        r"|(?:ldn|naltrexona|esto|eso) (?:\w+ )?(?:da|dan))\b"
        # what a remedy is for, in the plural: "ponen naloxona para las sobredosis"
        r"|\bpara (?:tratar |revertir |curar |prevenir )?(?:las|los) $"
        r"|^ ?(?:puede|pueden|puedo|podria|es|son|hay|se puede|como|cuanto\w*|por que|que)\b"
    ),
    history=re.compile(
        # (not how long LDN has been taken: "estoy tomando ldn hace 2 meses")
        r"(?<!desde )(?<!ldn )(?<!naltrexona )\bhace (?:\w+ )?(?:anos?|mes|meses|mucho|tiempo"
        r"|decadas)\b(?! que)"
        r"|\bde (?:pequen[oa]|bebe"
        r"|nin[oa]"
        r"|joven|peque|chic[oa])\b|\bcuando (?:yo )?(?:era|eramos|tenia)\b|\ben mi familia\b"
        r"|\bantecedentes\b|\bmurio\b|\bfallecio\b|\bantes (?:tomaba|tenia)\b|\bsone\b"
        r"|\bsueno que\b|\bpesadilla"
        # an uncle's or a grandmother's illness: family history, not today's report
        r"|\bmi (?:tio|tia|abuel[oa]|prim[oa]|bisabuel[oa]) (?:\w+ )?(?:tenia|tuvo|padecia"
        r"|sufria|le dio|le dieron|era|estaba|lo paso|la paso)\b"
        r"(?! (?:la|su|sus|una|otra) (?:\w+ )?(?:dosis|pastillas?"
        r"|capsulas?|ldn))|\bel (?:ano|verano|invierno) pasado\b"
        r"(?!(?: \w+){0,3} (?:ayer|anoche|hoy|ahora))"
        # a one-off long ago ("una vez en el colegio"), a date that says it is over ("eso fue en
        # marzo"), something had since childhood with nothing said of today
        r"|(?<!de )\buna vez (?:en el|en la|en un|en una|cuando|de (?:pequen|nin|chic|joven)\w*)\b"
        r"|\b(?:eso|esto|aquello|todo eso|todo esto) fue (?:en|el|hace|durante|cuando)\b"
        # a year named: "me desmayé una vez en 2015" (not "desde 2020 ... y hoy")
        r"|(?<!desde )\b(?:en|el ano|en el ano) (?:19|20)\d\d\b"
        r"(?!.*\b(?:hoy|ahora|anoche|ayer|esta (?:manana|tarde|noche)|acab\w*|recien)\b)"
        r"|\bdesde (?:chic[oa]|pequen[oa]|nin[oa]|siempre|joven|la infancia|que naci)\b"
        r"(?!.*\b(?:hoy|ahora|anoche|ayer|esta (?:manana|tarde|noche)|acab\w*|recien)\b)"
    ),
    others=re.compile(
        # (not "dicen mis compañeros que me dio un ataque": they tell what happened to me)
        # (not a friend the patient is with now: "estoy con mi amiga ... le dio una convulsion")
        r"(?<!estoy con mi )(?<!estoy con una )(?<!estoy con )(?<!esta conmigo mi )"
        r"\b(?:amig[oa]s?|companer[oa]s?|vecin[oa]s?|conocid[oa]s?)\b(?! que (?:me|yo)\b)"
        # someone in a forum or a group; what a nurse or a doctor sees at work
        r"|\b(?:en|del|de un|de el) (?:foro|grupo)\b"
        r"|\b(?:en|de) (?:un|una|el|la) (?:foro|grupo|chat)\b(?: \w+){0,3} alguien\b"
        # a video on social media; a first-aid drill or course
        r"|\b(?:en|de) (?:tiktok|youtube|instagram|facebook|twitter|reels?|un video|un reel"
        r"|las redes)\b|\bsimulacro\b|\bcurso de (?:primeros auxilios|socorrismo|rcp)\b"
        # someone seen on a screen
        r"|\b(?:vi|salio|sale|vimos|vio) en (?:una|la|un|el) (?:serie|pelicula|peli|novela"
        r"|documental|noticiero|tele)\b"
        r"|\bve (?:\w+ ){0,2}(?:convulsiones|desmayos"
        r"|sobredosis|infartos|casos)\b"
    ),
    question_after=re.compile(
        r"^ ?(?:es|son|puede ser|seria) (?:un |una |el |la )?(?:efectos? secundari\w*|sintoma\w*"
        r"|normal|comun|raro|peligros\w*|grave|senal)\b"
    ),
    ongoing=re.compile(
        r"\b(?:me|nos|le) (?:esta )?pas(?:a|ando) (?:desde|hace)\b|\b(?:lo|la|los|las) tengo desde"
        r"|\bdesde (?:ayer|anoche|esta manana|esta tarde|hace (?:un rato|unas horas|una hora))\b"
        r"|\bes que (?:ya )?(?:me (?:las|los|la|lo) )?(?:tome|he tomado)\b"
        # "si me tomé 2 cápsulas ..., tengo que ir a urgencias?": the preterite is what happened
        r"|\bsi (?:ya )?(?:me )?(?:tome|he tomado|me bebi|bebi|me trague)\b"
        r"|\bahora mismo\b|\ben este momento\b|\b(?:lo|la|los|las) (?:pille|encontre|vi) con\b"
    ),
)
_HELP_WRAPPER = re.compile(
    r"\b(?:que (?:hago|hacemos|debo hacer|tengo que hacer|puedo hacer|me pasa)(?: ahora)?"
    r"|es (?:grave|peligroso|malo|normal)(?= ?[?,.!]| ?$)|ayuda(?:me|dme)?|socorro|por favor"
    r"|no se (?:que hacer|si es grave|si es normal))\b"
)
# "sin querer" is "by mistake", not a negation of what follows.
_REPLACEMENTS = (
    (re.compile(r"\bsin (?:querer|darme cuenta|querer queriendo)\b"), "por error"),
    # without glasses or light: a mistake's circumstance, not a negation of the taking
    (re.compile(r"\bsin (?:gafas|lentillas|lentes|luz|mirar|fijarme|leer)\b"), "por error"),
    (re.compile(r"\bq\b"), "que"),
    # "casi blanca", "casi negro": a colour told, not a denial of what follows
    (re.compile(r"\bcasi (?=(?:blanc|negr|amarill|transparent|marron)\w*\b)"), ""),
    # "..., pero eso fue en marzo": the date belongs to the clause it closes (read as history)
    (
        re.compile(
            r"(?: ,|\bpero|\by) (?=(?:eso|esto|aquello|todo eso|todo esto) fue (?:en|el|hace"
            r"|durante|cuando)\b)"
        ),
        " ",
    ),
    # typed as heard: "pastiyas", "en ves de"; millilitres spelt out
    (re.compile(r"\bpastiya(s?)\b"), r"pastilla\1"),
    (re.compile(r"\ben ves de\b"), "en vez de"),
    (re.compile(r"\bmililitros?\b"), "ml"),
    # an amount in words before a unit or after "instead of": "veinte ml", "en vez de una"
    *(
        (
            re.compile(rf"\b{word}(?= (?:ml|mg)\b)|(?<=en vez de ){word}\b|(?<=que eran ){word}\b"),
            str(n),
        )
        for word, n in {
            "una": 1,
            "uno": 1,
            "dos": 2,
            "tres": 3,
            "cinco": 5,
            "diez": 10,
            "veinte": 20,
            "treinta": 30,
            "cuarenta": 40,
            "cincuenta": 50,
        }.items()
    ),
    (re.compile(r"\b(?:xq|pq|porq)\b"), "porque"),
    # "no soy más que una carga": only a burden, not a denial
    (re.compile(r"\bno (?:soy|seria) (?:nada )?mas que\b"), "solo soy"),
    # "no tengo ideas de hacerme daño": the denial reaches the wording
    (re.compile(r"\bno (?:tengo|tuve|he tenido) (?:ideas|pensamientos|intenciones) de\b"), "no"),
    # "ya me habría ido hace tiempo": a wish, not the past
    (
        re.compile(
            r"\b(me (?:habria|hubiera) (?:ido|matado|tirado|quitado la vida)) hace (?:\w+ )?"
            r"(?:tiempo|anos|meses|mucho)\b"
        ),
        r"\1 ya",
    ),
    (re.compile(r"\b(?:es|era|fue) como si\b"), "como"),  # "it's as if": not a question
    (re.compile(r"\bcomo si\b"), "como"),  # "as if", not "if"
    # "¿es por la LDN que tenga ...?": the patient has it; the question is only its cause.
    (
        re.compile(
            r"\b(?:es|sera|puede ser|sera culpa de|es culpa de) (?:por |de )?(?:la )?(?:ldn"
            r"|naltrexona|dosis|medicacion|medicina) (?:que|lo de que)\b"
        ),
        " , ",
    ),
)

_MED = (
    r"(?:ldn|naltrexona|capsulas?|pastillas?|pildoras?|comprimidos?|tabletas?|solucion|jarabe"
    r"|frasquito"
    r"|jeringa|frasco|bote|pastillero|medicinas?|medicamentos?|liquido|dosis|blister|caja)"
)
_PRESCRIBER = re.compile(
    r"\b(?:medic[oa]|doctor[a]?|dr|dra|farmaceutic[oa]|farmacia|enfermer[oa]|recet\w*|me dijo"
    r"|me dijeron|me indic\w*|pauta|me lo dijo|me mando|me subio|me cambio)\b"
)

# ------------------------------------------------------------------ suicidal

_SUICIDAL = re.compile(
    # how to do it thought out or looked up, with the despair said beside it ("ya tengo pensado
    # como hacerlo, solo espero el fin de semana", "no se cuanto mas voy a aguantar, ya busque
    # como hacerlo")
    r"^(?=.*\b(?:cuanto mas (?:voy a |puedo )?aguantar|solo espero|ya no puedo|no puedo mas"
    r"|para que seguir|para que sigo|sin sentido|fin de semana|esta noche|cuando (?:este"
    r"|me quede) sol[oa])\b)"
    r"(?=.*\b(?:tengo pensado|tengo planeado|he pensado|planee|busque|he buscado|averigue)"
    r" (?:\w+ )?como hacerlo\b)"
    r"|\bmatarme\b|\bme (?:quiero|voy a|vaya a|kiero) matar\b|\bsui?[cs]id\w*|\bsucid\w*"
    r"|\b(?:quiero|kiero|quisiera|me quiero|me kiero|ojala|deseo|tengo ganas de|prefiero"
    r"|mejor) (?:me )?(?:morir(?:me)?|muero|estar muert[oa])\b"
    r"(?! de (?:la |el )?(?:risa|verguenza|ganas|hambre|sueno|aburrimiento|calor|frio|pena|envidia"
    r"|miedo))(?! (?:de|con) (?:tant[oa]s? |este |esta |el |la )?(?:curro|trabajo|calor|frio"
    r"|examenes|deberes|tareas?|papeleo|reuniones|ruido|trafico|obras|colas?|jefe|mudanza)\b)"
    r"|\b(?:ya )?no quiero (?:seguir )?vivi(?:r|endo)\b(?! con (?:este|el|esto|estos|tanto))"
    r"|\bno quiero seguir (?:aqui|asi|adelante)\b|\bcansad[oa] de vivir|\bharta? de vivir"
    r"|\bno (?:le )?veo (?:el )?sentido a (?:seguir|vivir|la vida)|\bsentido tiene seguir"
    r"|\b(?:sentido|razon|razones) (?:a|de|para) seguir (?:viviendo|vivo|aqui)"
    r"|\bmejor sin mi\b|\bsi (?:yo )?no (?:estuviera|existiera)\b|\b(?:tranquil|felic|mejor)\w*"
    r" (?:si|sin) (?:yo|mi)\b|\bno existir\b|\bdejar de existir\b"
    r"|\b(?:soy|siento que soy|me siento) (?:\w+ ){0,2}(?:una carga|un estorbo"
    r"|un peso)\b(?! de trabajo)"
    r"|\b(?:ojala|para|y) no despertar(?:me)?\b(?! (?:hasta|a las|temprano|antes|con|en toda"
    r"|(?:nunca |mas )?tan\b))"
    r"|\bno despertar(?:me)? (?:nunca|mas|jamas)\b(?! tan\b)"
    r"|\bno volver a despertar|\besto es una despedida|\bme (?:estoy )?despid\w* de (?:todos"
    r"|todo el mundo|ustedes|vosotros|la vida)\b|\badios a todos\b|\badios (?:para siempre|mundo)"
    r"|\bultimo mensaje\b(?! de (?:hoy|la semana|esta|este))"
    r"|\bnadie me (?:echaria|echara|va a echar|extranaria)\w*|\bnadie (?:se )?(?:daria|va a dar"
    r"|notaria)\w*(?: cuenta)?\b"
    r"|\bdesaparecer (?:para siempre|y no volver)"
    r"|\bganas de desaparecer\b(?! (?:del?|de la) (?!este mundo|la faz|la tierra|mi vida|todo\b"
    r"|verdad\b)"
    r"| un (?:rato|finde|fin de semana|dia|par de dias)| (?:unos|unas) (?:dias|horas|semanas))"
    r"|\bquit\w* la vida\b|\b(?:acabar|terminar) con (?:mi vida|todo|esto)\b|\bponer fin a"
    r" (?:mi vida|todo)|\btirarme (?:del|de un|de una|por|desde|al|a las vias|a la via)\b"
    r"|\bcolgarme\b|\bahorcarme\b|\bcortarme las venas|\bme (?:he )?cort(?:e|o|ado)\b"
    r"(?! (?:el|la|los|las|un|una|con|al|mientras|cocinando))"
    r"|\bme hago dano\b|\bhacerme dano\b|\bautolesi\w*|\bme lastimo a (?:mi )?mism"
    r"|\b(?:guardando|acumulando|juntando|ahorrando) (?:las |mis )?(?:capsulas|pastillas"
    r"|pildoras)(?! para (?:un|el|mi|las|los) (?:viaje|vacaciones|mes|mes de))"
    r"|\b(?:voy a|quiero|vaya a|pense en|pensado en|pensando en|pienso en) tomar(?:me)? todas"
    r" (?:las|mis) (?:pastillas|capsulas)\b"
    r"(?! (?:a la misma hora|juntas por|con el|por la))"
    r"|\bregal\w* (?:todas )?mis cosas\b|\bcuando (?:yo )?(?:ya )?no este\b(?! (?:en|de|con|para"
    r"|disponible|conectad\w*))|\bcuando me haya ido\b"
    r"|\bno puedo mas con (?:esta|la|mi) vida\b|\bquiero que (?:todo|esto) (?:termine|acabe"
    r"|se acabe|pare)\b|\bno vale la pena vivir|\bmi vida no vale"
    r"|\b(?:estaria|estariamos|estarian|estarias) mejor muert[oa]s?\b|\bmejor muert[oa]\b"
    r"|\bquitarme de en medio|\b(?:dormir(?:me)?|me duermo|irme"
    r"|desaparecer) para siempre|\b(?:sobra|sobraba|estorba|esta de mas) en (?:este mundo"
    r"|esta vida|el mundo)\b"
    r"|\bsin salida\b|\b(?:sobro|estoy de mas) en (?:este"
    r" mundo|esta vida|la vida)|\bcarta de despedida|\bcartas? (?:a|para) mis (?:padres|hijos"
    r"|hijas|seres queridos|nietos)|\bpara no sufrir mas\b|\bno quiero sufrir mas\b"
    r"|\b(?:haciendo|hago|hice|hacerme) cortes\b|\bme corto\b(?! (?:el|la|las|los|un|una))"
    r"|\b(?:a )?nadie le importaria|\bnadie me necesita\b|\bno tengo ganas de vivir"
    r"|\bsin ganas de vivir|\bno merece la pena vivir|\bpienso (?:mucho |todo el dia |todo el"
    r" tiempo )?en (?:la muerte|morir\w*|matarme)|\bpensamientos (?:de muerte|suicidas|de morir)"
    r"|\bojala no hubiera nacido|\bmejor no haber nacido"
    r"|\bno quiero estar (?:aqui|aca|en este mundo)"
    r"|\bhacer una (?:locura|tonteria) (?:conmigo|esta noche)|\bhacerme algo\b"
    r"|\bme voy a hacer algo"
    r"|\barrojarme\b|\btirarme a las vias|\bme da igual (?:morir\w*|vivir)"
    r"|\bel frasco entero para\b|\btodas (?:las|mis) (?:pastillas|capsulas) (?:de golpe|para"
    r" (?:no|acabar|terminar|dormir))"
    r"|\bno\b(?: \w+){0,4} sentido (?:a |de |en )?(?:la |mi |seguir )?(?:vida|vivir|viviendo)\b"
    r"|\bdejar de (?:vivir|existir|respirar)\b|\b(?:si|que) me (?:muriera|muriese)\b"
    r"|\balivio (?:para|a) (?:todos|mi familia|los demas)"
    r"|\bya lo tengo decidido\b(?!,? (?:voy a|me)"
    r" (?:subir|bajar|tomar|empezar|dejar|cambiar|pedir))|\bno llegare a"
    r" manana|\bno creo que llegue a manana|\b(?:escondid[oa]|escondiendo|guardad[oa]|acumulad[oa]"
    r"|juntad[oa]) (?:\w+ )?(?:pastillas|capsulas)|\btomarmel[ao]s tod[ao]s\b"
    r"|\bmorirme\b(?! de (?:risa|verguenza|ganas|hambre|sueno|aburrimiento|calor|frio|pena|miedo"
    r"|viej[oa]|anciana?))"
    r"|\bes morir(?:me)?\b|\bvuelto a cortar(?:me)?\b|\bvolvi a cortarme\b"
    r"|\bcortarme\b(?! (?:el|la|las|los|un|una))|\bperdon(?:adme|enme)\b|\bperdoname por todo"
    r"|\b(?:me gustaria|quisiera|prefiero|preferiria|deseo) no despertar(?:me)?\b"
    r"(?! (?:tan|a las|con|temprano|antes|de noche|por la noche|cansad\w*|rigid\w*|dolorid\w*"
    r"|agotad\w*|en mitad|a media))"
    r"|\bmejor sin (?:\w+ ){0,4}(?:como yo|como tu|mi)\b|\bcuchilla\b|\bme (?:he )?hecho dano"
    r" (?:otra vez|a proposito|a mi mism[oa]|adrede)"
    r"|\btirar(?:me|ia)? (?:por|desde|del|de) (?:el |la |un |una )?"
    r"(?:balcon|ventana|puente|edificio|azotea|tejado|acantilado)|\bme tirari?a\b"
    r"|\b(?:es|esta es) mi despedida|\bmi despedida\b|\birme de este mundo|\bdejar este mundo"
    r"|\bacabar con (?:mi|este) sufrimiento|\bestar muert[oa]\b|\bganas de morir"
    r"|\bcansad[oa] de luchar|\bno puedo luchar mas|\bno quiero seguir\s*(?:[.!?,;]|$)"
    r"|\bno aguanto mas (?:la|esta|mi) vida|\bcartas? (?:para|a) todos\b|\bno me busque(?:n|is)\b"
    r"|\b(?:manera|forma|modo)s? de no sufrir mas\b|\bsolo (?:me )?falta hacerlo\b"
    r"|\bdespedirme\b.*\bcuid(?:ense|aos)\b"
    r"|\bno (?:\w+ ){0,2}volver a despertar(?:me)?\b"
    r"|\b(?:pastillas|capsulas) (?:\w+ )?(?:preparadas"
    r"|listas|juntas|guardadas) para (?:esta noche|hoy|manana|el final)"
    r"|\b(?:cortando|cortar|corte|corto)(?:me)? (?:los |las |mis )?(?:brazos|munecas|piernas|venas)"
    r"|\bpara despedirme\b|\bdespedirme de (?:todos|vosotros|ustedes|la vida)"
    r"|\bestuviera muert[oa]|\b(?:deseo|anhelo|quiero) la muerte|\bacabar conmigo\b"
    r"|\bme (?:quiero|voy a) tirar\b(?!(?: \w+){0,3} (?:sofa|cama|sillon|siesta|hamaca|toalla|playa"
    r"|piscina|cesped|un rato|toda la tarde|un pedo|un farol|la bronca|flores)\b)"
    r"|\btirarme (?:al|a un|a una) (?:tren|metro|coche|camion|rio)"
    r"|\benvenenarme|\bpegarme un tiro|\besta noche es la noche|\birme y no volver"
    # worthless, not deserving to live, in the way at home
    r"|\bno valgo (?:para )?nada\b(?! (?:en|para (?:el|la|los|las|cocinar)|cocinando|haciendo))"
    r"|\bno merezco (?:vivir|estar viv[oa]|seguir viv[oa]|existir|la vida|seguir aqui)\b"
    # "sobro" is "I am in the way" ("les sobro a todos"); "me/nos sobró" (accent gone) or "sobró
    # de la cirugía" is what was left over: "una hidrocodona que me sobró" names leftover pills
    r"|(?<!\bme )(?<!\bnos )"
    r"\b(?:sobro(?! de (?:la |el |una |un |mi )?(?:cirugia|operacion|intervencion|receta|caja"
    r"|tratamiento|hospital|ingreso|dentista|extraccion|parto|cesarea|antes)\b)|estoy de mas"
    r"|me siento de mas|soy de mas)\b(?! (?:en|de) (?:el |la )?(?:trabajo"
    r"|oficina|reunion|fiesta|cena|grupo|equipo|clase|foto))"
    r"|\bno pinto nada en (?:este mundo"
    r"|esta vida|la vida)\b"
    # self-harm on any part of the body, burning too
    r"|\b(?:hac\w*|hic\w*|hech\w*)(?:me)? cortes\b|\bme (?:rayo|raye|rajo|raje)\b|\brayarme\b"
    r"|\b(?:me )?(?:queme|quemo|quemarme|quemando|cortando|corte|corto|cortarme|golpeo|golpee"
    r"|pegue)\b(?: [\w,]+){0,6}"
    r" (?:a proposito|adrede|aposta|para (?:no )?sentir)\b"
    r"|\bquem\w*\b(?: \w+){0,4} con (?:\w+ )?(?:cigarr\w*|colillas?)\b"
    r"|\b(?:hecho|hice|hago|hacerme) heridas\b(?=.*\b(?:otra vez|de nuevo|a proposito|adrede)\b)"
    r"|\b(?:cortes|cortadas|quemaduras)\b(?: \w+){0,2} en (?:los |las |mis |la |el )?(?:brazos"
    r"|piernas|muslos|munecas|barriga|tripa|vientre|tobillos)\b"
    # everything in the medicine cabinet; ways to die looked up; a jump thought of
    r"|\b(?:me (?:tomo|trago|bebo|meto)|tomarme|tragarme|me voy a (?:tomar|tragar|meter))\b"
    r"(?: \w+){0,2} (?:todo el botiquin|todo lo que (?:tengo|hay|encuentre)|todas las (?:pastillas"
    r"|capsulas|medicinas) (?:de casa|que (?:tengo|hay|encuentre)))"
    r"|\b(?:formas|maneras|metodos) (?:\w+ )?de (?:morir\w*|matarme|suicid\w*|quitarme la vida)\b"
    r"|\bpens\w* en (?:saltar|tirarme|lanzarme)\b|\bpara cuando me encuentren\b"
    r"|\b(?:solo|ya solo) me queda (?:\w+ )?despedirme\b"
    r"|\b(?:cuant[ao]s|que cantidad|que dosis)\b(?: \w+){0,6} para (?:no (?:volver a )?despert\w*"
    r"|dormir\w* y no despert\w*|morir\w*|matar\w*|no amanecer)"
    r"|\b(?:dosis|cantidad|cuant\w*)\b(?: \w+){0,4} (?:mortal|letal)\b(?=.*\b(?:necesito saber\w*"
    r"|quiero saber\w*|en serio|para mi)\b)"
)
# Indirect suicidal wording, one pattern per meaning (not per sentence seen): wishing not to wake
# up, being a burden or others better off, saying goodbye, giving things away, no way out,
# ending the suffering, leaving this world, arranging for after.
_WISH = r"(?:ojala|prefiero|preferiria|quisiera|me gustaria|quiero|deseo|ganas de)"
_INDIFFERENT = (
    r"(?:mejor|da igual|que mas da|no pasa nada|tampoco pasa(?:ria)? nada|no pasaria nada"
    r"|no importa|alivio|descanso|nadie|tranquil\w*)"
)
_WAKE = r"(?:despert\w*|despiert\w*|amanecer|volver a despertar|abrir los ojos)"
_GONE = (
    r"(?:desapareciera|desaparezca|desaparecer|me muriera|me muera|me fuera para siempre"
    r"|no estuviera|no existiera|no este|no exista|no estuviese|ya no estuviera|me muero|me voy"
    r"|desaparezco)"
)
_INDIRECT = re.compile(
    # not waking up: wished for, or "it would be better / no matter" (not an alarm, not a time)
    rf"\b{_WISH}\b(?: \w+){{0,4}}? no (?:me )?{_WAKE}\b"
    r"(?! (?:a |al |el |la |los |las |mi |con |por |cuando |para |hasta |en |de |otra |temprano"
    r"|a tiempo|antes|(?:nunca |mas )?tan\b))"
    rf"|\bno (?:me )?{_WAKE}\b(?: [\w,]+){{0,4}}? {_INDIFFERENT}\b"
    r"|\bno quiero (?:despertar(?:me)?|amanecer)\b(?!(?: \w+)? (?:a |al |con |temprano|pronto|tarde"
    r"|hasta|antes|otra vez|de noche|por la noche|durante))"
    # a burden, others better off or relieved if I were gone
    r"|\b(?:carga|estorbo|lastre|peso muerto|molestia) (?:para|a) (?:todos|mi familia|los demas"
    r"|mis \w+)\b|\bme siento (?:un|una) (?:estorbo|carga|lastre)\b"
    rf"|\b{_INDIFFERENT}(?: \w+){{0,4}}? (?:que|si|cuando) (?:yo )?(?:ya )?{_GONE}\b"
    rf"|\b(?:mas facil|mas sencillo|mejor) (?:\w+ )?no (?:estar|existir|vivir|seguir aqui)\b"
    r"|\bsin mi,? (?:(?:todos|ya|seguro|seguramente|mucho|ellos|ellas"
    r"|mi familia) )?(?:estarian|estaria|vivirian|viviria|seria|serian|les iria)\b"
    r"|\bnadie me (?:va a |iba a )?(?:echar\w*|extran\w*)"
    # goodbye, last night, asking forgiveness for what comes
    r"|\b(?:me )?(?:despedi|despido|despidiendo|despedirme|despedido|despidiendome)\b(?: \w+){0,2}"
    r" de (?:todos|todo el mundo|ustedes|vosotr[oa]s|la vida|mi familia|mis (?:hijos|hijas|hermanos"
    r"|hermanas|seres"
    r" queridos|padres|nietos|amigos))\b"
    r"|\bya no (?:estare|voy a estar|estare aqui|voy a estar aqui)\s*(?:[.!?,;]|$)"
    r"|\b(?:carta|cartas|mensaje|notas?) (?:\w+ ){0,3}por si (?:acaso|me pasa algo)"
    r"|\bcartas? de despedida\b"
    r"|\bmi ultim[oa] (?:noche|dia|mensaje)\b(?! (?:en|de|con|antes|aqui|libre|trabajando|del))"
    r"|\bperdon\w*\b(?: \w+){0,4} (?:por )?lo que voy a hacer\b"
    # giving things away
    r"|\b(?:regal\w*|repart\w*|doy|dando|deshaciendome de)\b(?: \w+){0,2} (?:mis cosas|todas mis"
    r" cosas|todo lo que tengo|mis pertenencias)\b"
    r"|\bya no (?:las|los|lo|la) (?:voy a )?necesit\w*"
    # no way out, no sense, cannot go on
    r"|\bno (?:hay|tengo|veo|le veo|encuentro) (?:ninguna |otra )?salida\b(?! (?:facil|rapida"
    r"|al|a la"
    r"|a los|del|de la|con el|con la|para el|para la) (?!(?:vida|dolor|sufrimiento|situacion"
    r"|infierno)\b))"
    r"|\bno (?:le )?(?:encuentro|veo|tiene) (?:ningun )?sentido (?:a )?(?:nada|la vida|vivir"
    r"|seguir)\b"
    r"|\bnada tiene sentido\b|\bya nada importa\b"
    r"|\bya no puedo mas\s*(?:[.!?,;]|$)|\bme quiero ir\s*(?:[.!?,;]|$)"
    # ending the suffering, for good; leaving this world; it all ends tonight
    r"|\b(?:acabar|terminar|poner(?:le)? fin|ponga fin|fin|acabe|termine|dejar)\b(?: \w+){0,3}?"
    r" (?:mi |este |tanto |el |de )?(?:sufrimiento|sufrir|agonia|existencia)\b"
    r"(?! (?:con|de) (?:el|la|los|las|este|esta|estos) (?:suenos|pesadillas|nauseas|insomnio))"
    r"|\b(?:descansar|dormir(?:me)?|irme|desaparecer|dejar de sufrir|apagarme|cerrar los ojos)"
    r" (?:\w+ ){0,2}para siempre\b"
    r"|\b(?:ir|irme|me voy|me ire|marcharme|me marcho|salir|dejo|irse) (?:\w+ )?de este mundo\b"
    r"|\b(?:manana|hoy|esta noche) (?:\w+ )?(?:se )?acaba(?:ra)? todo\b|\btodo (?:se )?acabara\b"
    # pills put aside for the end
    r"|\b(?:pastillas|capsulas) (?:\w+ )?(?:guardadas|escondidas|acumuladas|ahorradas|juntadas)"
    r" para (?:cuando|el dia|el final|si)\b"
    # looking up how to die, jumping
    r"|\b(?:cuant[ao]s|como|que) (?:\w+ ){0,5}para (?:morir(?:me)?|matarme|suicidarme"
    r"|no despertar(?:me)?|quitarme la vida)\b"
    r"|\b(?:saltar|tirarme|lanzarme|aventarme|arrojarme) (?:desde|de|del|por) (?:el |la |un |una )?"
    r"(?:azotea|balcon|ventana|puente|edificio|tejado|acantilado|piso|terraza)\b"
    # thinking of death
    r"|\bpienso\b(?: \w+){0,3} en (?:la muerte|morir\w*|matarme|suicid\w*)"
    # nothing holding me here
    r"|\b(?:no (?:hay|tengo) )?nada (?:que )?me (?:retiene|retenga|ata|mantiene) (?:aqui"
    r"|en este mundo|a la vida)\b"
    # arranging for after
    r"|\bsi me pasa algo\b(?: \w+){0,3} (?:cuide|cuiden|se ocupe|se encargue|se quede)\b"
)
# The same meanings as ideas near each other in any word order (`near`), so a word put in
# between or a different order still reads: a wish to die, others better off once I am gone,
# not waking up and not caring, ending it all, no strength or future for living, a plan made.
_FIGURE = (
    r"(?! de (?:la |el )?(?:risa|hambre|verguenza|ganas|sueno|miedo|calor|frio|pena|aburrimiento"
    r"|envidia|asco))"
)
# "desaparecer de la oficina un rato": leaving a place for a while, not the world
_PLACE = (
    r"(?! (?:del?|de la) (?!este mundo|la faz|la tierra|mi vida|todo\b|verdad\b)"
    r"| un (?:rato|finde|fin de semana|dia|par de dias)| (?:unos|unas) (?:dias|horas|semanas))"
)
_MUNDANE = re.compile(
    r"\b(?:tratamiento|bote|caja|ldn|naltrexona|trabajo|relacion|dieta|pareja|contrato|papeleo"
    r"|viaje|vacaciones|fiesta|cena|mudanza|operacion|examen|curso|serie|libro|brote|suenos"
    r"|pesadillas|nauseas|insomnio|dolor de cabeza|seguro|farmacia|redes|whatsapp|movil"
    r"|grupo|cita|semana|semanita|pastillero|casa|recuerd\w*|recordatorio|avis\w*|mg|ml|gimnasio"
    r"|racha|curro|invierno|verano|lunes|examenes)\b"
)
_FRAMES = re.compile(
    "|".join(
        (
            near(
                r"ojala|quisiera|quiero|prefiero|preferiria|lo mejor|mejor|ganas de|me gustaria"
                r"|deseo|me encantaria",
                rf"morir(?:me)?{_FIGURE}|muriera|me muera|estar muert[oa]|no existir"
                r"|me atropell\w*|me (?:pille|pillara|arrollara) un (?:coche|tren|camion)"
                rf"|desaparecer{_PLACE}"
                r"|desapareciera|irme para siempre|no estar",
            ),
            near(
                r"sin mi(?=\s*(?:[.!?,;]|$| (?:todos|ya|seguro|seguramente|mucho|estar\w*"
                r"|vivir\w*|ser\w*|les|nadie|mejor|todo)\b))|si me fuera|si me muero"
                r"|si me muriera|si (?:yo )?no estuviera"
                r"|cuando no este|si desapareciera|si ya no estoy|si me voy|cuando me vaya"
                r"|cuando me muera",
                r"nadie|mejor|menos|tranquil\w*|alivio|cargaria|se daria cuenta|da igual|felices"
                r"|descansarian|respirarian|llor\w*",
            ),
            near(
                r"no (?:me )?(?:despierto|despertara|despertase|levanto|levantara|amanezco"
                r"|amaneciera)(?! (?:a las|temprano|para|a tiempo|con|hasta|antes))",
                r"da igual|mejor|ojala|que mas da|no importa|me importa",
            ),
            near(
                r"acabar|terminar|acabe|termine|se acabe|se termine|poner(?:le)? fin|fin",
                r"con todo|todo esto|mi vida|con esto|para siempre|mi sufrimiento|conmigo",
                3,
            ),
            near(
                r"no tengo fuerzas|sin fuerzas|no tengo ganas|no (?:le )?veo futuro|no hay futuro"
                r"|sin futuro|no tiene sentido|sin sentido|no encuentro sentido",
                r"vivir|viviendo|seguir viviendo|mi vida|la vida|seguir aqui|seguir asi",
            ),
            near(
                r"preparad[oa]|planead[oa]|decidid[oa]|cuerda|soga|cuchillas?|pistola",
                r"irme|esta noche|lo pienso|matarme|acabar|cada dia|despedirme",
            ),
            r"\b(?:cansad[oa]|hart[oa]) de ser (?:una |un )?(?:carga|estorbo|molestia|lastre)\b",
            r"\bquiero que (?:se )?(?:acabe|termine|pare)\s*(?:[.!?,;]|$)",
            r"\b(?:prefiero|quiero|quisiera|mejor) no seguir (?:aqui|viviendo|asi|en este mundo)\b",
            r"\bno quiero seguir luchando\b|\bquiero descansar (?:ya|para siempre"
            r"|de todo)\s*(?:[.!?,;]|$)",
            near(
                r"pensando|pienso|planeando|como hacerlo",
                r"sin que (?:se note|nadie (?:se entere|lo note|se de cuenta))",
            ),
            near(
                r"guardad\w*|guardando|escondid\w*|juntad\w*|acumulad\w*|ahorrad\w*",
                r"no aguant\w* mas|no pueda mas|por si un dia|para cuando|para el final",
            ),
            near(
                r"me despido|me despedi|despedirme",
                r"gracias por todo|por todo lo que|adios|os quiero|les quiero|para siempre",
                6,
            ),
            r"\b(?:quisiera|quiero|ojala|me gustaria) (?:\w+ )?dormir(?:me)? y (?:ya"
            r"|no despertar\w*|no volver)\s*(?:[.!?,;]|$)",
            # a day set; the children looked after
            r"\b(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|finde|fin de semana"
            r"|manana) (?:es|sera) el dia\s*(?:[.!?,;]|$)"
            r"|\blo tengo todo (?:pensado|planeado|preparado|decidido)\b",
            near(
                r"cuid\w*|se (?:ocupe|encargue|quede) (?:de|con)",
                r"cuando (?:yo )?(?:no este|falte|me vaya)|si (?:me pasa algo|yo falto"
                r"|ya no estoy)",
                8,
            ),
            # soon not here; things given away as no longer needed; if no reply, you know
            r"\b(?:dentro de poco|pronto|en unos dias|muy pronto) (?:ya )?no (?:voy a estar"
            r"|estare)\b",
            near(
                r"regal\w*|le di|les di|he dado|reparti\w*|deshaciendo\w*",
                r"no (?:los|las|lo|la|le) (?:voy a |vaya a )?necesit\w*"
                r"|no me (?:va|van) a hacer falta",
                10,
            ),
            near(
                r"si (?:\w+ )?no (?:contesto|respondo|escribo|doy senales|aparezco|me (?:ves|veis"
                r"|leeis"
                r"|lees))",
                r"ya sab\w*|sabeis|saben por que|lo (?:he|habre) hecho|lo hice",
                5,
            ),
            # sleep and let it end; only wanting to go
            r"\bdormir(?:me)? y que (?:todo )?(?:se acabe|termine|acabe|se acabara|acabara"
            r"|terminara|se terminara)\b"
            r"|\b(?:esta noche|hoy mismo|ya) lo (?:termino|acabo)\s*(?:[.!?,;]|$)"
            r"|\bmejor acabar (?:ya|de una vez)\s*(?:[.!?,;]|$)"
            r"|\b(?:solo|ya solo|lo unico que) quiero (?:es )?irme\s*(?:[.!?,;]|$)",
            # everything to end, wanted; not worth going on, tired of fighting; gone long ago
            # but for the dog; one's own funeral as a relief (a busy week, a treatment: everyday)
            r"\bque se acabe (?:todo|ya|esto)\b(?! (?:la|el|esta|este|los|las) )"
            r"|\bque (?:todo|esto) se acabe\b|\bque se acabara todo\b|\bque todo se acabara\b",
            r"\b(?:para|pa) que (?:sigo|seguir|continuar)\b(?! (?:con|tomando|pagando|intentando"
            r"|esperando|probando))(?=.*\b(?:nada (?:mejora|cambia|va a cambiar)|nadie|cansad\w*"
            r"|me canse|hart[oa])\b)"
            r"|\bme canse de (?:luchar|pelear|intentarlo)\b|\bno tiene (?:ningun )?(?:caso|sentido)"
            r" seguir\b",
            r"\bsi no fuera por (?:mi|mis) \w+,? (?:yo )?(?:ya )?(?:me habria|me hubiera|habria"
            r"|hubiera) (?:ido|matado|tirado|acabado|quitado)\b",
            near(
                r"mi (?:propio )?(?:entierro|funeral|velorio)", r"alivio|paz|tranquil\w*|ganas", 6
            ),
            r"\b(?:seria|es|sera) mejor irme\b(?! (?:a|al|de|con|ya a|pronto|temprano|antes))",
        )
    )
)
# Affairs put in order for after, the house's pills laid out, goodbyes to the family: read
# whatever else the sentence names (the insurance, the house, this week), so not among the frames
# a mundane word cancels.
_PLANS = re.compile(
    "|".join(
        (
            # cutting again; "tonight I end it all"; praying not to wake; on the bridge not
            # knowing whether to get down; to sleep and not come back; letters and thanks for
            # everything; the how and the when thought out
            r"\b(?:me )?volvi a cortar\b|\bme (?:he vuelto a )?cort(?:e|o|ado) (?:\w+"
            r" ){0,2}(?:los |el"
            r" |las )?(?:brazos?|piernas?|munecas?|muslos?)\b",
            r"\blo (?:termino|acabo) todo\b(?! (?:el|lo|la|los|las))",
            r"\b(?:pido|rezo|ruego|pidiendo|rezando)\b(?: \w+){0,3} no (?:volver a"
            r" )?(?:despertar(?:me)?"
            r"|amanecer)\b",
            r"\b(?:puente|azotea|tejado|cornisa|barandilla)\b(?: [\w,]+){0,8} no se si (?:bajar\w*"
            r"|saltar|tirarme)\b",
            r"\bdormir(?:me)? y no (?:volver|despertar\w*)(?: \w+)? (?:nunca|jamas)\b",
            r"\b(?:deje|he dejado) (?:unas? )?cartas?\b(?=.*\bgracias por todo\b)",
            # a will made, with thanks for everything or no more reminders wanted
            r"\b(?:hice|he hecho|tengo hecho|firme|he firmado) (?:el |mi )?testamento\b"
            r"(?=.*\b(?:gracias por todo|no hace falta que me recuerdes)\b)",
            r"\btengo pensado (?:el )?como y (?:el )?cuando\b",
            # a will made, everything left in order, "at peace at last"; wanting to go to a dead
            # loved one; pills gathered
            near(
                r"testamento|ordenad\w*|en orden|arreglad\w*",
                r"por fin (?:\w+ )?(?:tranquil\w*|en paz)",
                12,
            ),
            r"\b(?:se )?quiere(?:s|n)? ir(?:se)? con (?:mi|su|tu) (?:papa|mama|padre|madre|marido"
            r"|esposo"
            r"|mujer|esposa|hijo|hija)\b(?=.*\b(?:en paz descanse|q en paz|fallecid\w*|difunt\w*"
            r"|que murio)\b)",
            r"\bpastillas (?:juntadas|guardadas|acumuladas|escondidas)\b|\b(?:juntando|acumulando"
            r"|guardando|escondiendo) (?:\w+ )?pastillas\b(?! (?:para|de) (?:el|la|los|las|mi|mis"
            r"|viaje|vacaciones))",
            # round 11's kinds: things given away as no longer needed; a day alone and the way
            # known; a goodbye, then no answer
            r"\b(?:regal\w*|reparti\w*|dio|di)\b(?: [\w,]+){0,8} (?:ya no (?:\w+ ){0,2}(?:va|voy"
            r"|vas"
            r"|van) a (?:necesitar|hacer falta)|ya no (?:las|los|la|lo|le|me) (?:necesita"
            r"|necesito)\b)",
            near(
                r"(?:deje|dejado|tengo) (?:\w+ )?(?:todo )?(?:listo|arreglado|en orden|pagado)"
                r"|(?:las )?claves|testamento",
                r"(?:el |mi |del )?(?:seguro (?:del |de )?)?(?:entierro|funeral|decesos|cremacion)",
                12,
            ),
            near(
                r"ya se como (?:lo voy a hacer|hacerlo|lo hare)|se (?:bien |exactamente )?como lo"
                r" voy"
                r" a hacer",
                r"(?:me quedo|estare|estoy|me quede) sol[oa]|no hay nadie|nadie en casa|se van"
                r" todos",
                12,
            ),
            near(
                r"despidiendose|despidiendome|se despidio|me despidio|despedida|adios a todos",
                r"no (?:me |le |nos )?(?:contesta|responde|coge|atiende|abre)",
                12,
            ),
            r"\b(?:me )?(?:despedi|despido|despidiendo|despedirme|despedido|despidiendome)\b"
            r"(?: \w+){0,2} de (?:mi familia|mis (?:hijos|hijas|hermanos|hermanas|padres|nietos"
            r"|seres queridos))\b(?!.*\b(?:viaje|vacaciones|aeropuerto|estacion|me mudo)\b)",
            near(
                r"testamento|(?:todo|papeles|cuentas) (?:\w+ ){0,3}?(?:arreglad\w*|en orden|atad\w*"
                r"|pagad\w*|organizad\w*)|deje (?:\w+ )?(?:arreglad\w*|en orden|atad\w*|pagad\w*)",
                r"cuando (?:yo )?(?:falte|no este|me vaya)|decidid[oa]|list[oa]|tranquil\w*"
                r"|es el dia|no tengan (?:lio|problemas)|me (?:puedo|podre) ir",
                10,
            ),
            # an attempt stopped short; a method bought; standing on the edge
            r"\b(?:casi|por poco|a punto de) (?:me )?(?:tiro|tire|tirarme|salto|salte|saltar|lanzo"
            r"|lance|lanzarme)\b(?: \w+){0,3} (?:a las vias|a la via|al tren|al metro|del puente"
            r"|desde el|desde la|por la ventana|por el balcon|al vacio|al rio|de la azotea"
            r"|del balcon|del edificio|contra un|debajo de|bajo un|delante de)\b",
            r"\b(?:compre|comprado|conseguido|consegui)\b(?: \w+){0,2} (?:una )?(?:cuerda|soga)\b"
            r"(?! (?:para|de) )",
            near(
                r"estoy (?:en|subid[oa] a|encima de) (?:el |la |lo alto de )?(?:puente|azotea"
                r"|tejado|acantilado|cornisa|borde|vias)",
                r"no se si (?:voy a )?(?:volver|bajar|saltar|tirarme)|saltar|tirarme|volver a casa"
                r"|despedirme",
                8,
            ),
            # others said to say it: "se quiere matar", "ya no quiere vivir"
            r"\bse (?:quiere|va a|piensa|queria) (?:matar|suicidar|quitar la vida"
            r"|quitar de en medio)\b|\bquiere (?:matarse|suicidarse|quitarse la vida"
            r"|quitarse de en medio)\b"
            r"|\b(?:ya )?no quiere (?:seguir )?vivi(?:r|endo)\b(?! (?:en|con|sol[oa]|aqui|alli"
            r"|cerca|lejos)\b)",
            # arranging for after: who keeps the pets, the bank's keys, a will and letters
            near(
                r"quien se queda con|se (?:los|las|lo|la) queda|se queda(?:ra|n)? con"
                r"|(?:clave|claves|pin|contrasenas?|cuentas?) del banco|claves bancarias",
                r"cuando (?:yo )?(?:ya )?no este|cuando (?:yo )?falte|cuando me vaya|ya esta todo"
                r"|por si acaso|por si me pasa algo",
                10,
            ),
            near(
                r"testamento|cerr\w* (?:mis |las )?cuentas|todo (?:\w+ )?ordenado|todo en orden",
                r"cartas?|para cuando me vaya|cuando me vaya|no creo que (?:me )?quede mucho"
                r"|ya esta todo",
                12,
            ),
            near(
                r"(?:regal\w*|vend\w*|reparti\w*|he dado|deshaciendome de|deshice de)(?: \w+){0,2}"
                r" (?:mis cosas|mi ropa|mis libros|mi moto|mi coche|todo lo que tengo"
                r"|mis pertenencias|mis joyas|mis muebles)",
                r"(?:ya )?no me (?:va|van) a hacer falta|ya no (?:lo|la|los"
                r"|las) (?:voy a )?necesit\w*",
                10,
            ),
            # pills hidden for a day that may come
            near(
                r"(?:escond\w*|guard\w*|juntand\w*|juntad\w*|acumul\w*|ahorr\w*)(?: \w+){0,3}"
                r" (?:pastillas|capsulas|opiaceos|medicinas|somniferos|pildoras|calmantes"
                r"|tranquilizantes)",
                r"(?:por si|para) (?:algun|un) dia|por si me animo|no (?:puedo|pueda|aguanto"
                r"|aguante) mas|para el final",
                10,
            ),
            # a date set, not named; not being here next month
            r"\bya tengo (?:la )?fecha\s*(?:[.!?,;]|$)|\bya (?:he )?(?:elegido|decidido|puesto)"
            r" (?:la )?fecha\s*(?:[.!?,;]|$)|\bya no pienso estar (?:aqui|viv[oa])\b",
            # not waking asked of God; worthless; others better off with the insurance
            r"\b(?:pido|pidiendo|rezo|ruego|pedirle)\b(?: \w+){0,3} que no me (?:deje|dejes)"
            r" (?:volver a )?(?:despertar|amanecer)\b"
            r"|\b(?:dios|diosito|el senor) (?:que )?me (?:lleve|llevara|recoja|recogiera)\b",
            r"\bno valgo la pena\b|\b(?:estaria|estarian|estarias|vivirian|viviria|les iria"
            r"|le iria) mejor\b(?: \w+){0,6} que conmigo\b|\bmejor\b(?: \w+){0,4} seguro de vida\b"
            r"|\bmas (?:facil|sencillo)\b(?: \w+){0,4}? si (?:yo )?(?:ya )?(?:desapareciera"
            r"|me muriera|no estuviera|no existiera|no estuviese|me fuera para siempre)\b",
            # a last message, goodbye to the bot; forgiveness asked and love sent
            r"\b(?:la )?ultima vez que (?:te |os |les )?(?:escribo|hablo|escribire)\b",
            near(
                r"me despido de (?:ti|usted)",
                r"fuiste|has sido|el unico|la unica|gracias por (?:todo|estar|acordarte)",
                8,
            ),
            near(
                r"perdon por todo|pedi perdon|perdonadme|perdonenme|perdoname",
                r"(?:la|lo|los|las|te|os) (?:quise|quiero|amo|ame)|diganle|decidle|dile"
                r"|ya estoy tranquil\w*",
                12,
            ),
            r"\bdi(?:ganle|ganles|dle|dles)\b(?: \w+){0,4} que (?:l[oa]s? |les |le )?(?:quise|ame"
            r"|quiero mucho|siento)\b",
            # pills hidden or saved up "just in case", until there are enough
            r"\b(?:pastillas|pildoras|capsulas|somniferos|calmantes|clonazepam|\w+(?:pam|lam))\b"
            r"(?: \w+){0,2} (?:escondid[oa]s|guardad[oa]s|ahorrad[oa]s|juntad[oa]s|acumulad[oa]s)\b"
            r".*\b(?:por si (?:acaso|las moscas|algun dia)|suficientes|bastantes)\b",
            r"\b(?:guardando|juntando|acumulando|ahorrando|escondiendo|guardad[oa]s|escondid[oa]s"
            r"|juntad[oa]s|ahorrad[oa]s) (?:\w+ ){0,3}(?:pastillas"
            r"|pildoras|capsulas|somniferos|calmantes)\b.*\b(?:por si (?:acaso|las moscas)"
            r"|suficientes|bastantes)\b",
            # things given away "no longer needed"; given away and goodbyes said to everyone
            r"\bregal\w*\b.*\bya no (?:\w+ ){0,2}(?:va|voy|vamos|van) a (?:necesitar|usar"
            r"|hacer falta)\b",
            r"\bregal\w*\b(?: [\w,]+){0,8} (?:y )?se despidi\w* de (?:todos|todo el mundo)\b",
            r"\bse despidi\w* de (?:todos|todo el mundo)\b.*\b(?:miedo|haga algo|se haga algo)\b",
            # the how (and when) already known; letters and affairs in order for the children
            r"\bya (?:se|tengo pensado|tengo decidido) como (?:lo )?voy a hacer(?:lo)?\b",
            r"\bcarta\w* (?:\w+ ){0,6}(?:hijos|hijas|familia)\b.*\b(?:todo en orden|todo arreglado"
            r"|todo listo)\b",
            r"\bya no (?:van|vais|vas|va) a tener que preocupar\w* (?:mas )?por mi\b",
            r"\bpienso en (?:aventarme|tirarme|lanzarme|arrojarme)\b",
            # a farewell that says no more messages will come
            r"\b(?:chau|chao|adios|hasta siempre|me despido)\b.*\b(?:gracias por todo|no (?:voy a"
            r"|vuelvo a) escribir (?:mas|nunca)|no me van a (?:leer|ver) mas)\b",
            near(
                r"todas las (?:pastillas|capsulas|medicinas) (?:de casa|que tengo|que hay)"
                r"|todo el botiquin",
                r"preparad\w*|juntas|en la mesa|esta noche|listas",
                6,
            ),
        )
    )
)


# The fourth pass's kinds (branch triage-esde4, the training files' study part): letters written
# and everything settled; a plan, a date, the how and the where; the bridge again "and next time I
# don't come down"; the family better off without me; goodbyes "as if it were the last time"; the
# engine running in the garage; the bank's keys handed over "no need to worry any more"; clothes
# chosen to be buried in; a blade or a gun stared at; not needing next month's refill "I won't be
# here"; a dead parent's pills "I know what I'll do with them"; the pills in one hand and water in
# the other; a question about a lethal amount "asked for me".
_LAST_ARRANGEMENTS = re.compile(
    "|".join(
        (
            across(
                r"(?:escribi|deje|he escrito|he dejado|dejo|escrito) (?:\w+ ){0,2}cartas?",
                r"ya esta todo|todo (?:arreglado|listo|en orden)|solo (?:me )?falta|ultima vez",
                18,
            ),
            across(
                r"vendi (?:mis cosas|todo)|deje el piso|regale (?:mis cosas|todo)",
                r"cartas?|solo (?:me )?falta",
                10,
            ),
            r"\btengo (?:un )?plan y (?:una )?fecha\b|\b(?:he pensado|tengo pensado|ya se|ya tengo"
            r" pensado) (?:el )?como(?: hacerlo)? y (?:el )?(?:donde|cuando)\b"
            r"|\bsolo (?:me )?falta (?:el cuando|(?:juntar|reunir|tener) (?:el )?valor)\b",
            across(
                r"puente|vias|azotea|acantilado|tejado|cornisa",
                r"la proxima (?:vez )?no (?:me )?(?:bajo|vuelvo)"
                r"|la proxima (?:vez )?(?:salto|me tiro)",
                14,
            ),
            r"\b(?:estarian|estaria|estarias|estariamos|vivirian|viviria|les iria|le iria) mejor\b"
            r"(?: \w+){0,6} sin (?:mi\b|yo\b|una (?:madre|carga)|un padre)",
            across(
                r"despedi|despido|dije adios|me despedi|les dije adios|le dije adios",
                r"(?:fuera|es|era) la ultima vez",
                12,
            ),
            near(r"motor (?:encendido|en marcha|prendido)", r"garaje|cochera", 8),
            across(
                r"claves del banco|claves bancarias|todo a su nombre|testamento|contrasenas",
                r"ya no me hace falta|ya no (?:voy a )?necesit\w*|ya no me preocupa",
                14,
            ),
            r"\b(?:elegi|escogi|prepare|he elegido)\b(?: \w+){0,6} (?:que|q) me (?:entierren"
            r"|incineren|vistan)\b",
            near(
                r"navaja|cuchilla|pistola|escopeta|revolver|soga|cuerda",
                r"no paro de mirar\w*|no dejo de mirar\w*|mirandol[ao]",
                8,
            ),
            r"(?:,|\.|\by) no voy a estar\s*(?:[.!?]|$)"
            r"|\bya no (?:voy a )?estar(?:e)? (?:aqui|mas)\b",
            r"\bya se (?:lo )?(?:que|q) voy a hacer con (?:ellas|ellos|las pastillas"
            r"|las capsulas)\b",
            r"\bno me (?:busque|busquen|busques|buscara|buscaran) mas\b",
            # dying as the end of everyone's problem; not wanting to exist; asking whether the
            # whole bottle at once hurts
            r"\bsi (?:yo )?me muer\w*\b(?: \w+){0,3} se acaba\w* (?:el problema|todo)\b",
            r"\bya no quiero existir\b|\bno quiero existir mas\b",
            r"\b(?:duele|doloroso)\b(?: \w+){0,3} (?:tomarse|tomarme) (?:el frasco|el bote|la caja"
            r"|todas las|todo el)\b",
            r"\b(?:di|regale|deje) (?:a )?(?:mi|mis) (?:gat[oa]s?|perr[oa]s?|mascotas?)\b"
            r"(?: \w+){0,4}"
            r" para siempre\b",
            across(
                r"si no me despierto (?:manana|hoy)",
                r"(?:que|q) (?:alguien )?(?:avise|avisen|llame|llamen)",
                4,
            ),
            r"\bno se si hacerlo (?:ya|ahora|hoy|esta noche)\b|\btodas las (?:pastillas|capsulas)"
            r" en la mano\b",
            across(
                r"(?:se )?tom\w* (?:las |todas las )?\d+|todas las (?:pastillas|capsulas)",
                r"es para mi|(?:lo )?pregunto por mi",
                20,
            ),
        )
    )
)
_NOT_SUICIDAL = re.compile(
    r"\b(?:prevencion|libro|pelicula|peli|pelis|serie|documental|noticias?|articulo|reportaje"
    r"|podcast|telediario|novela)\b"
    # feeling a burden, said and talked through: "pero lo hablamos y ella me apoya"
    r"|\bpero (?:\w+ ){0,4}(?:lo hablamos|(?<!nadie )(?<!no )me apoya\w*)\b"
    # "me quiero morir" said by a teenager over the marks, laughed at: a figure of speech
    r"|\b(?:dijo|dice|grito|grita|solto|suelta) (?:mi|mis|su|el|la) \w+\b.*\b(?:jaja\w*"
    r"|jeje\w*|adolescentes?|drama\w*)"
    # a laptop "that wants to die"; a doctor's question answered no
    r"|\b(?:mi|el|la) (?:portatil|ordenador|movil|telefono|impresora|coche|tele|wifi|router|pc"
    r"|lavadora|nevera)\b(?: \w+){0,3} (?:se )?(?:quiere|va a) (?:morir|suicidar\w*|matar\w*)"
    r"|\b(?:se )?quiere (?:morir|suicidar\w*|matar)\b(?: \w+){0,2} (?:es )?(?:mi|el|la)"
    r" (?:portatil|ordenador|movil|telefono|impresora|coche|tele|wifi|router|pc|lavadora|nevera)\b"
    r"|\bpregunt\w* (?:\w+ )?(?:si|que si)\b.*\b(?:dije|conteste|respondi) que no\b"
    r"|\bsui?[cs]idio (?:de|del) (?:mi|un|una|su)\b"
    # a farewell letter for a camp, a school trip, a retirement: another kind of goodbye
    r"|\b(?:campamento|colegio|excursion|jubilacion|despedida de soltera?)\b"
    # "no quiero ser una molestia, pero ...": politeness before a question
    r"|\bno quiero (?:ser|dar) (?:una |la )?(?:molestia|lata|carga),? pero\b"
    # "que fastidio este lunes, me quiero morir jaja": annoyance or shame laughed at
    r"|\b(?:fastidio|verguenza|calor|pereza|aburrimiento|hambre)\b.{0,40}\bme quiero morir\b"
    r"|\bme quiero morir\b.{0,80}\bja(?:ja)+\w*"
    # a goodbye for today; a wish to die long past, better now
    r"|\bme despido\b(?: \w+){0,3} por hoy\b"
    # leaving the group at the end of a treatment that went well
    r"|\bme despido\b.*\b(?:termine|acabe|he terminado|he acabado) (?:el |mi )?tratamiento\b"
    r"|\bqueria morirme\b.{0,60}\bahora\b.{0,40}\bmejor\b"
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

_CHILD = (
    r"(?:hij[oa]s?|hijit[oa]|nin[oa]s?|ninit[oa]|nen[ea]|peques|bebe|bebes|nieto|nieta|nietos"
    r"|sobrin[oa]|peque"
    r"|pequen[oa]|crio|cria|crios|chiquit\w*|\d+ (?:anos|meses)|\d+ anit\w*|chamac\w*|guagua\w*"
    r"|chiquill\w*|escuincl\w*|bebit[oa]|gemel[oa]s|mellizo\w*|chaval\w*|criatura|sobrinit[oa]"
    r"|nenit[oa]"
    # in Latin American words: Venezuela, the River Plate, Central America
    r"|cham[oa]s?|chamit[oa]s?|pibe|pibes|piba|pibit[oa]s?|carajit[oa]s?|cipot[ea]s?|mocos[oa])"
)
_PET = (
    r"(?:perr[oa]s?|perrit[oa]|gat[oa]s?|gatit[oa]|minino|cachorr[oa]|conej[oa]|mascota"
    r"|hamster|loro"
    r"|periquito|huron|caballo|cobaya|pajar\w*|canario|cotorra|agaporni\w*|tortuga|chucho|lomito"
    # a dog named by its breed
    r"|labrador|chihuahua|caniche|beagle|bulldog|golden|pastor aleman|yorkshire|teckel)"
)
_SWALLOWED = (
    r"(?:tragad[oa]|trago|comio|comido|bebio|bebido|se tomo|se lo tomo|se la tomo|ha tomado"
    r"|tomado|mordio|mordido|lamio|lamido"
    r"|chupo|chupado|mastico|masticado|metio|abrio|abierto|faltan|falta|rompio|se la trago"
    r"|se las trago|se los trago|se lo trago|ingirio|ingerido|en la boca|a la boca|zampo|zampado"
    r"|pico|picoteo|picado|picoteado|se llevo"
    # "creo que tomó un poco": some of it, with no "se"
    r"|tomo (?:un poco|algo|un sorbo|un trago|unas?|varias?)|bebio (?:un poco|algo))"
)


def _ingestion_by(who: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b{who}\b(?: [\w.,]+){{0,12}}? {_SWALLOWED}\b"
        rf"|\b{_SWALLOWED}\b(?: [\w.]+){{0,4}}? {who}\b"
    )


_CHILD_SWALLOWED = _ingestion_by(_CHILD)
_PET_SWALLOWED = _ingestion_by(_PET)
_MEDICINE = re.compile(rf"\b{_MED}\b")
_VERB = re.compile(rf"\b{_SWALLOWED}\b")


_OWN_MEDICINE = re.compile(r" (?:su|sus) (?!(?:\w+ )?(?:ldn|naltrexona|capsula|capsulas)\b)\w+")


# an empty box chewed; a capsule taken out of the mouth in time
_NOTHING_SWALLOWED = re.compile(
    r"\b(?:vaci[oa]s?|no quedaba nada|ya no quedaba)\b"
    # "se comió el control remoto, mis pastillas están guardadas arriba"
    r"|\b(?:pastillas|capsulas|ldn|medicinas?|medicamentos?|naltrexona) (?:estan|esta) (?:bien )?"
    r"(?:guardad[oa]s?|arriba|bajo llave|escondid[oa]s?|en (?:el|un) (?:\w+ )?(?:armario|cajon"
    r"|mueble|botiquin))\b"
    r"|\bno (?:la|el|las|los|mi|mis) (?:ldn|naltrexona|pastillas?|capsulas?|medicacion)\b|\b(?:se"
    r" (?:la|lo|las|los)|le)"
    r" (?:quite|saque|quitamos|sacamos)\b"
)


_FOOD_AFTER = re.compile(
    # (not sweets: a child takes capsules for "caramelos")
    r" (?:\w+ )?(?:zumo|jugo|leche|agua|refresco\w*|galletas?|pan|fruta|yogur\w*|helado"
    r"|papilla|biberon|cereales|pizza|tarta)\b(?!.*\b(?:eran|era) (?:mis |las |la |el |mi )?"
    r"(?:capsulas?|pastillas?|ldn)\b)"
)


def _swallowed(who: re.Pattern[str]) -> Detector:
    def detect(text: str) -> bool:
        for m in who.finditer(text):
            around = sentence(text, m.start(), m.end())
            if not _MEDICINE.search(around):
                continue
            verb = _VERB.search(text, m.start(), m.end())
            if verb is None or not GRAMMAR.report(text, verb.start(), verb.end(), whoever=True):
                continue
            if _OWN_MEDICINE.match(text, verb.end()):
                continue  # "se tomó su antibiótico": the child's own medicine
            if _FOOD_AFTER.match(text, verb.end()):
                continue  # "bebió zumo toda la tarde": a food or a drink, not the medicine
            # "casi se la traga" (not "casi entera": almost whole, swallowed)
            if re.search(
                r"\b(?:(?:casi|por poco)(?! enter[oa]| tod[oa]| la mitad| medi[oa])|nada|recogi"
                r"|receto|recetada)\b",
                around,
            ):
                continue
            if _NOTHING_SWALLOWED.search(around) or _MEDIA.search(around):
                continue  # nothing swallowed, or a child on the news
            return True
        return False

    return detect


# A child who played with the medicine and is now drowsy: nobody saw the swallowing.
_PLAYED_WITH = re.compile(rf"\b{_CHILD}\b(?: [\w.,]+){{0,6}}? (?:jugando|jugado|jugaba|jugo) con\b")
_DROWSY = re.compile(
    r"\b(?:dormid[oa]|adormilad[oa]|somnolient[oa]|no se despierta|rar[oa]|maread[oa]|vomit\w*)\b"
)


def _played_and_drowsy(text: str) -> bool:
    return any(
        _MEDICINE.search(text, m.end())
        and _DROWSY.search(text, m.end())
        and GRAMMAR.report(text, m.start(), m.end())
        for m in _PLAYED_WITH.finditer(text)
    )


# LDN given to a child or an animal by mistake ("le di por error mi ldn a mi hijo en vez de su
# vitamina")
_GIVEN_TO = re.compile(
    r"\b(?:le|les) (?:di|dimos|he dado|hemos dado|dio|puse|pusimos|he puesto)\b"
    r"|\b(?:di|dimos|he dado|hemos dado)(?:le|les)\b"
)
_BY_MISTAKE = re.compile(
    r"\b(?:por error|equivoc\w*|en vez de|en lugar de|confund\w*|me confundi)\b"
)
_OUR_LDN = re.compile(r"\b(?:ldn|naltrexona|mis (?:capsulas|pastillas)|mi (?:capsula|pastilla))\b")


def _given_by_mistake(who: str) -> Detector:
    named = re.compile(rf"\b{who}\b")

    def detect(text: str) -> bool:
        for m in _GIVEN_TO.finditer(text):
            around = sentence(text, m.start(), m.end())
            if (
                _BY_MISTAKE.search(around)
                and _OUR_LDN.search(around)
                and named.search(around)
                and GRAMMAR.report(text, m.start(), m.end(), whoever=True)
                and not _MEDIA.search(around)
            ):
                return True
        return False

    return detect


def _any(*detectors: Detector) -> Detector:
    return lambda text: any(detect(text) for detect in detectors)


# ------------------------------------------------------------------ overdose

_TOOK = (
    r"(?:tome|tomado|trague|tragado|bebi|bebido|meti|ingeri|ingerido|me tome|me he tomado"
    r"|me trague|me bebi|tomamos|acabo de (?:tomar|tragar|beber)(?:me)?|yo tomar|me puse|me meti"
    # someone in the patient's care took it: "mi madre se tomó cuatro"
    r"|se (?:ha )?(?:tomado|tomo|bebido|bebio|tragado|trago))"
)
_CONTAINER = (
    r"(?:caja|bote|frasco|blister|botella|botellita|tira|envase|frasquito|jeringa"
    r"|vasito medidor|vaso medidor|vasito|medidor|gotero|cuentagotas)"
)
_UNIT = r"(?:capsulas?|pastillas?|pildoras?|comprimidos?|tabletas?|dosis|caps|ldn)"
_OVERDOSE = re.compile(
    r"\bsobre ?dosis\b|\bsobredosi\w*|\bsobredos\w*"
    r"|\b(?:el )?(?:doble|triple|cuadruple) de (?:la|mi|lo) (?:dosis|que me toca|que tomo|normal)"
    r"|\bdosis (?:doble|triple)\b|\b(?:el )?(?:triple|cuadruple)\b|\b(?:doble|triple) dosis\b"
    r"|\b(?:\d+|dos|tres|cuatro|cinco|diez) veces (?:mas|la dosis|lo que me toca)\b"
    rf"|\b(?:{_TOOK}) (?:\w+ ){{0,2}}?(?:una |la |el |un )?{_CONTAINER}s? (?:entera|entero|completa"
    rf"|completo|lleno|llena|hasta arriba)\b|\b(?:{_TOOK}) (?:\w+ )?tod[ao] (?:el"
    rf"|la) {_CONTAINER}\b"
    rf"|\b(?:{_TOOK}) (?:\w+ )?tod[ao]s (?:las|mis|los) (?:capsulas|pastillas|comprimidos|pildoras)"
    r" (?:que (?:me )?(?:quedaban|tenia|habia)|del (?:bote|frasco|blister))\b"
    rf"|\b(?:{_TOOK}) (?:\w+ ){{0,3}}(?:y )?(?:luego|despues|mas tarde) (?:\w+ )?(?:otra vez"
    rf"|de nuevo"
    r"|nuevamente|otra)\b"
    rf"|\b(?:{_TOOK}) (?:\w+ ){{0,4}}?(?:dos|tres|2|3) veces (?:hoy|esta noche|anoche|seguidas"
    r"|en un dia|el mismo dia|en la misma noche)\b"
    r"|\b(?:la dosis|la ldn|la capsula|la pastilla|la naltrexona|la) (?:\w+ ){0,3}?(?:dos|tres|2|3)"
    r" veces\b"
    rf"|\b(?:{_TOOK}) (?:\w+ )?otra (?:vez|capsula|pastilla|dosis)\b|\bme tome otra\b"
    rf"|\bya (?:la |me la )?(?:habia|he) tomad[oa]\b(?=.*\b(?:{_TOOK})\b)"
    r"|\bla de (?:hoy|ayer|esta noche) y la (?:\w+ )?de (?:manana|hoy|pasado|ayer)"
    rf"|\b(?:{_TOOK}) (?:\w+ ){{0,2}}?(?:el bote|el frasco|la caja|el blister|la botella"
    r"|(?:medio|media|la mitad del?) (?:caja|bote|frasco|blister|botella|botellita|tira|envase)"
    r"|medio frasco|medio bote|media botella|toda la caja|todo el (?:bote|frasco|blister)"
    r"|todas las (?:capsulas|pastillas) de)\b"
    rf"|\b(?:{_TOOK}) demasiad\w*\b(?! (?:cafe|alcohol|vino|cerveza|agua|comida|azucar|te))"
    r"|\bme pase con la (?:dosis|ldn)|\bme he pasado de (?:dosis|la dosis)|\btome de mas\b"
    r"|\bmas de la cuenta\b|\b(?:dos|tres|2|3) veces (?:la|mi) (?:dosis|pastilla|capsula|ldn)"
    r"|\b(?:la dosis|las dosis|las capsulas|las pastillas) de (?:toda la semana|dos dias|tres dias"
    r"|la semana|varios dias|todo el mes)|\btodas las (?:capsulas|pastillas) del (?:bote|frasco)"
    r"|\bolvid\w* que ya (?:la |me la )?(?:habia|he) tomad[oa]"
    r"|\b(?:tome|me tome) (?:tambien )?la (?:dosis )?de (?:manana|pasado manana)"
    r"|\bme (?:he )?pasado con la (?:dosis|ldn|naltrexona)\b"
    r"|\bel doble de (?:la |mi )?(?:ldn|dosis|naltrexona|capsulas|pastillas)\b"
    rf"|\b(?:{_TOOK}) el doble\b"
    rf"|\b(?:{_TOOK}) (?:un monton|un punado|muchas|muchisimas|varias)\b"
    # one more on top; the morning's and the night's together; several at a go; "otras tres"
    rf"|\b(?:{_TOOK})\b(?: [\w,]+){{0,10}}? y (?:encima|ademas|luego|despues"
    rf"|aparte) (?:\w+ )?otra\b"
    # morning, afternoon and night: three doses in one day
    r"|\b(?:en|por) la (?:manana|tarde|noche),? (?:y )?(?:otra )?(?:en|por) la (?:manana|tarde"
    r"|noche),? (?:y )?(?:otra )?(?:en|por) la (?:manana|tarde|noche)\b"
    r"|\bla de (?:la )?(?:manana|noche|tarde) y la de (?:la )?(?:manana|noche|tarde)\b(?: \w+){0,2}"
    r" (?:juntas|a la vez|de golpe)\b"
    rf"|\b(?:{_TOOK}) (?:\w+ )?(?:[2-9]|\d\d+|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez"
    r"|varias|muchas) (?:\w+ )?(?:de golpe|juntas|juntos|a la vez|de una vez|seguidas)\b"
    rf"|\b(?:{_TOOK})\b(?: [\w,]+){{0,8}}? (?<!de las )(?<!de los )otr[ao]s (?:[2-9]|dos|tres"
    r"|cuatro|cinco|seis)\b"
    rf"|\b(?:{_TOOK}) (?:\w+ )?todo lo que (?:quedaba|habia|tenia)\b|\buna tercera\b"
    r"|\b(?:o sea que |ya |hoy )*van (?:[3-9]|tres|cuatro|cinco|seis)(?: (?:capsulas|pastillas"
    r"|dosis))?(?: hoy)?\s*(?:[.!?,;]|$)"
    # a day's count doubled for days; someone else's dose on top of one's own
    rf"|\b(?:[2-9]|dos|tres) {_UNIT} (?:al dia|cada dia|por dia|diarias|cada noche)\b"
    r"(?: \w+){0,3}? en (?:vez|lugar) de (?:una|un|1)\b"
    r"|\b(?:la dosis|la capsula|la pastilla|la ldn) de mi \w+ (?:ademas de|y) la mia\b"
    r"|\b(?:dos|tres|2|3) veces la de \d"
)
_ONE_OF = re.compile(rf"\b(?:{_TOOK}) (?:una|un|la|el) de (\d+(?:\.\d+)?)\b(?! ?ml)")
# Taken again because the first was forgotten; a hand that slipped; doses of several days.
_AGAIN = re.compile(
    r"\b(?:otra vez|de nuevo|nuevamente|repeti|volvi a tomar\w*|dos veces|la volvi a tomar"
    r"|asi que otra|me tome otra)\b"
)
_FORGOT = re.compile(
    r"\b(?:me la|la|me) tome\b,?(?: [\w,]+){0,4}? (?:se me olvido|lo olvide|me olvide)\b"
    r"|\bno me (?:acordaba|acorde)\b|\bno recordaba\b|\b(?:se me olvido|olvide) que ya\b"
    r"|\bpense que no (?:la |me la )?(?:habia|he) tomad"
)
# Given twice by two carers; a pill box emptied by a parent with dementia.
# a kitchen spoon instead of the dosing syringe (a liquid dose many times over)
_SPOON = re.compile(
    r"\bcuchar\w*\b(?: \w+){0,6} (?:en vez de|en lugar de) (?:la |una |el )?(?:jeringa\w*"
    r"|jeringuill\w*|jeringuit\w*|pipeta|dosificador|vasito)\b"
    # a miscalculation that came to far more than any LDN dose: "calculé mal, fueron como 20 mg"
    r"|\b(?:calcule mal|me equivoque|me confundi)\b.*\b(?:fueron|eran|serian|son) (?:como |unos"
    r" |casi )?(?:[5-9]|\d\d+)(?:\.\d+)? ?mg\b"
    # "en vez de 2 ml me tomé una cucharada entera"
    r"|\b(?:en vez de|en lugar de) (?:\d+(?:\.\d+)? ?ml|la jeringa\w*|la pipeta)\b(?: \w+){0,4}"
    r" (?:una )?cuchar\w*"
)
_GIVEN_TWICE = re.compile(
    r"\b(?:tambien|otra vez|de nuevo) se (?:la|lo|las) (?:dio|di|dieron|dimos|ha dado)\b"
    r"|\b(?:le|les) (?:dieron|dimos|dio|han dado) (?:\w+ ){0,6}dos veces\b"
)
_EMPTIED = re.compile(
    near(
        r"faltan|falta|(?:casi|medio) vaci[oa]",
        r"alzheimer|demencia|confundid[oa]|desorientad[oa]|ayer (?:habia|quedaban)",
        10,
    )
)
_SLIPPED = re.compile(
    r"\bse me fue la mano\b|\b(?:las |la )?(?:dosis|ldn|capsulas|pastillas) de (?:dos|tres|2|3"
    r"|varios|cuatro) dias\b"
)
_AMOUNT_ANY = re.compile(r"\b\d+(?:\.\d+)? ?(?:ml|mg)\b")
# "me tomé 2 de 4.5": a count of capsules of a strength, more than the top dose in all
_COUNT_OF = re.compile(rf"\b(?:{_TOOK}) (?:\w+ )?({_COUNT}) de (\d+(?:\.\d+)?)\b(?! ?ml)")
_COUNT_TAKEN = re.compile(
    rf"\b(?:{_TOOK}) (?:(?:como|unas?|unos|casi|mas de|por error|de golpe|ya|hoy|anoche|las)"
    rf" )*({_COUNT}) (?:de (?:mis|las) )?{_UNIT}\b"
)
_STRENGTH_AFTER = re.compile(r"^ de (?:\w+ )?(\d+(?:\.\d+)?)\b(?! ?ml)")  # "2 de 1,5 (mg)"
_NOT_LDN_AFTER = re.compile(
    r"^ (?:de|para) (?!(?:mis|las|la|ldn|naltrexona|\d|golpe|una vez|por error|la semana))"
)
_AMOUNT = re.compile(
    rf"\b(?:{_TOOK}) (?:(?:una|un|uno) de )?(?:(?!de\b)[\w.]+ ){{0,3}}?(\d+(?:\.\d+)?)"
    r" ?(ml|mg|mililitros|miligramos)\b"
)
_INSTEAD = re.compile(
    r"\b(\d+(?:\.\d+)?) ?(?:ml|mg)?\b(?: [\w.]+){0,4}? (?:en vez de|en lugar de|creyendo que"
    r" eran|pensando que eran) (?:\w+ )?"
    r"(\d+(?:\.\d+)?)"
)
_LATE = re.compile(
    r"\b(?:tarde|temprano|pausa|descanso|vacaciones|olvide|olvido|semana|semanas|mes|meses"
    r"|vuelto|volvi)\b"
)
_OVER_TIME = re.compile(
    r"^ ?(?:\w+ ){0,3}?(?:en total|esta semana|este mes|cada (?:dia|noche)|al dia|por dia"
    r"|en un mes|a la semana)\b"
)
_LDN_IN_FRONT = re.compile(r"\b(?:ldn|naltrexona|capsula|pastilla|dosis|solucion)\b")


# A strength far above any LDN dose (full-dose naltrexone, 50 mg) taken by mistake.
_BIG_STRENGTH = re.compile(
    r"\b(\d+(?:\.\d+)?) ?(?:mg|miligramos)\b"
    r"|\b(?:naltrexona|pastillas?|capsulas?|comprimidos?|las|la) de (\d+(?:\.\d+)?)\b(?! ?ml)"
)
# "tomar 4 capsulas juntas": several at once (broken Spanish too)
_AT_ONCE = re.compile(
    rf"\b(?:tomar|tomo|tome|me tomo|me tome|trague)\b(?: \w+){{0,2}} ({_COUNT}) (?:\w+ )?{_UNIT}\b"
    r"(?: \w+){0,2} (?:juntas|juntos|de golpe|a la vez|de una vez)\b"
)
# "6 o 7 cápsulas ... me las tragué": a count given as a range
_RANGE = re.compile(rf"\b({_COUNT}) (?:o|u|a) ({_COUNT}) {_UNIT}\b")
_EVERY_DAY = re.compile(r"\b(?:cada|todas las|todos los|siempre|a diario|normalmente)\b")
_MISTAKE = re.compile(
    r"\b(?:lei mal|leido mal|mal la etiqueta|sin darme cuenta"
    r"|equivo(?:c|qu)\w*|confund\w*|pense que|pensando que|creyendo que|por error|me dieron"
    r"|me han dado|en vez de|en lugar de)\b"
)
_TOOK_ANY = re.compile(rf"\b(?:{_TOOK}|tomando)\b")
# "tomé cinco de las chiquitas de 1.5": a count of the small ones of a strength
_COUNT_OF_THE = re.compile(
    rf"\b(?:{_TOOK}|toma|tomo|tomar) (?:\w+ )?({_COUNT}) de (?:las|los|mis)(?: \w+){{0,2}}? de"
    r" (\d+(?:\.\d+)?)\b"
    r"(?! ?ml)"
)
# "en vez de 0,5 ml me metí 5 ml": the amount meant, then the amount taken
_INSTEAD_FIRST = re.compile(
    r"\b(?:en vez de|en lugar de) (\d+(?:\.\d+)?) ?(?:ml|mg)?\b(?: [\w.]+){0,4}? (\d+(?:\.\d+)?)"
    r" ?(?:ml|mg)\b"
)
# the count of a week or a month, not of one go
_OVER_A_WEEK = re.compile(
    r"\b(?:esta|la|toda la) semana\b|\beste mes\b|\ben total\b|\bolvid\w* (?:de )?(?:las|los)"
    r" otr[ao]s\b"
)
# someone on television or a patient of a nurse: not the patient's overdose
_MEDIA = re.compile(
    r"\b(?:tele|television|noticias|noticiero|telediario|pelicula|peli|serie|documental|periodico"
    r"|articulo|reportaje|paciente|pacientes)\b"
)
# A swallow of the solution, measured in ml anywhere in the sentence ("un chorro, como 10 ml").
_SWIG_VERB = re.compile(rf"\b(?:{_TOOK}|metido|me he bebido)\b")
_SWIG = re.compile(
    r"\b(?:chorro|trago|sorbo|buche|de golpe|del (?:bote|frasco)|solucion|jeringa)\b"
)
# "I thought I had taken it twice, but no": a worry that turned out wrong.
_THOUGHT_BUT_NOT = re.compile(
    r"\b(?:pense|creia|crei|pensaba)\b que\b.*\bpero (?:no\b(?! se)|las conte|lo conte|al contar)"
    # tempted to take a double dose, and not doing it
    r"|\b(?:ganas|tentacion|tentad[oa]) de tomar\b.*\bpero no (?:lo hago|lo hare|lo he hecho"
    r"|lo hice)\b"
)


def _wrong_strength(text: str) -> bool:
    if not _MISTAKE.search(text):
        return False
    took = [m for m in _TOOK_ANY.finditer(text) if GRAMMAR.report(text, m.start(), m.end())]
    return bool(took) and any(
        float(m.group(1) or m.group(2)) >= 10 for m in _BIG_STRENGTH.finditer(text)
    )


def _at_once(text: str) -> bool:
    return any(
        number(m.group(1), _NUMBER_WORDS) >= 3
        and not _EVERY_DAY.search(sentence(text, m.start(), m.end()))
        and GRAMMAR.report(text, m.start(), m.end())
        for m in _AT_ONCE.finditer(text)
    )


def _range_taken(text: str) -> bool:
    took = _TOOK_ANY.search(text) or re.search(r"\bme (?:las|los) (?:trague|tome|bebi)\b", text)
    return bool(took) and any(
        number(m.group(2), _NUMBER_WORDS) >= 3
        and not _EVERY_DAY.search(sentence(text, m.start(), m.end()))
        and GRAMMAR.report(text, m.start(), m.end())
        for m in _RANGE.finditer(text)
    )


def _swig(text: str) -> bool:
    for m in _AMOUNT_ANY.finditer(text):
        around = sentence(text, m.start(), m.end())
        if not m.group(0).endswith("ml") or float(m.group(0).split()[0].removesuffix("ml")) <= 5:
            continue
        took = _SWIG_VERB.search(around)
        if took and _SWIG.search(around) and GRAMMAR.report(text, took.start(), took.end()):
            return True
    return False


# one more counted up, twice by mistake, a count given by a carer instead of one: "ya van 2 esta
# noche", "me tomé 3 más por las dudas", "me tomé el ldn dos veces, la segunda por error", "le dio
# a mi padre 4 cápsulas en vez de una"
_COUNTED_UP = re.compile(
    r"\bya (?:van|llevo|son) (?:[2-9]|dos|tres|cuatro|cinco) (?:\w+ )?(?:esta noche|hoy|seguid\w*"
    r"|en el dia)\b"
    r"|\b(?:me tome|tome|me he tomado|he tomado) (?:otras? )?(?:[2-9]|dos|tres|cuatro|cinco) mas\b"
    r"|\b(?:me tome|tome|me he tomado|he tomado)\b(?: \w+){0,3} (?:dos|tres|2|3) veces\b"
    r"(?=.*\b(?:por error|equivoc\w*|sin querer|por (?:las )?dudas)\b)"
    r"|\b(?:le|me|les) (?:dio|dieron|ha dado|han dado|di|dimos)\b(?: \w+){0,4} (?:[2-9]|dos|tres"
    r"|cuatro|cinco|seis) (?:capsulas|pastillas|dosis|comprimidos)\b (?:en vez de|en lugar de)"
    r" (?:una|1)\b"
    # three or more in one go, no unit said ("me tomé cuatro de un jalón")
    r"|\b(?:me tome|tome|me trague|trague) (?:\w+ )?(?:[3-9]|tres|cuatro|cinco|seis|siete|ocho)"
    r" (?:\w+ )?(?:de un jalon|de un trago|de golpe|de un tiron|juntas|juntos|a la vez)\b"
    # the amount meant, then the amount taken with no unit ("en lugar de 4.5 tomé 9", "en vez de
    # 4.5 ml me tomé como 45")
    r"|\b(?:en vez de|en lugar de) (?P<meant>\d+(?:\.\d+)?) ?(?:ml|mg)?\b(?: [\w.]+){0,3}?"
    r" (?:tome|me tome|me he tomado|me bebi|me meti) (?:como |unos |unas |casi |mas de )?"
    r"(?P<taken>\d+(?:\.\d+)?)\b"
)


def _overdose(text: str) -> bool:
    if _THOUGHT_BUT_NOT.search(text):
        return False
    for m in _COUNTED_UP.finditer(text):
        if m.group("taken") and float(m.group("taken")) <= 1.5 * float(m.group("meant")):
            continue
        if GRAMMAR.report(text, m.start(), m.end()) and not _PRESCRIBER.search(
            sentence(text, m.start(), m.end())
        ):
            return True
    if _wrong_strength(text) or _swig(text) or _at_once(text) or _range_taken(text):
        return True
    for m in _OVERDOSE.finditer(text):
        around = sentence(text, m.start(), m.end())
        if (
            re.search(r"\bveces\b", m.group(0))
            and _LATE.search(around)
            and not re.search(r"\bya (?:la |me la )?(?:habia|he)\b", around)
        ):
            continue
        if re.search(r"\bsobre ?dosis\b", m.group(0)) and (
            re.search(r"\b(?:pregunta|duda|dudas|informacion)\b", around) or _MEDIA.search(around)
        ):
            continue
        if GRAMMAR.report(text, m.start(), m.end()) and not _PRESCRIBER.search(around):
            return True
    for m in _COUNT_TAKEN.finditer(text):
        count = number(m.group(1), _NUMBER_WORDS)
        after = text[m.end() : m.end() + 60]
        around = sentence(text, m.start(), m.end())
        if count < 2 or _PRESCRIBER.search(around) or not GRAMMAR.report(text, m.start(), m.end()):
            continue
        if _OVER_TIME.search(after) or _NOT_LDN_AFTER.search(after):
            continue
        if _OVER_A_WEEK.search(around) and not re.search(
            r"\b(?:de golpe|juntas|a la vez|de una vez)\b", around
        ):
            continue
        strength = _STRENGTH_AFTER.search(after)
        if strength and count * float(strength.group(1)) <= 4.5:
            continue
        return True
    for m in _AMOUNT.finditer(text):
        limit = 5.0 if m.group(2).startswith("m") and m.group(2) in ("ml", "mililitros") else 4.5
        after = text[m.end() : m.end() + 40]
        around = sentence(text, m.start(), m.end())
        if float(m.group(1)) <= limit or (
            _NOT_LDN_AFTER.search(after)
            and not re.search(r"^ de (?:ldn|naltrexona|la solucion|solucion)", after)
        ):
            continue
        if GRAMMAR.report(text, m.start(), m.end()) and not _PRESCRIBER.search(around):
            return True
    for m in _ONE_OF.finditer(text):
        if float(m.group(1)) > 4.5 and GRAMMAR.report(text, m.start(), m.end()):
            return True
    for m in _AGAIN.finditer(text):
        around = sentence(text, m.start(), m.end())
        forgot = _FORGOT.search(around)
        if forgot is None:
            continue
        # "volví a tomar" is not "volví"; "me la tomé, se me olvidó" is not a dose forgotten
        late = _LATE.search(around.replace(m.group(0), " ").replace(forgot.group(0), " "))
        if not late and GRAMMAR.report(text, *m.span()):
            return True
    for m in (*_GIVEN_TWICE.finditer(text), *_SPOON.finditer(text)):
        if GRAMMAR.report(text, *m.span()) and not _MEDIA.search(sentence(text, *m.span())):
            return True
    if _EMPTIED.search(text) and _MEDICINE.search(text):
        return True
    for m in _SLIPPED.finditer(text):
        around = sentence(text, m.start(), m.end())
        if (_MEDICINE.search(around) or _AMOUNT_ANY.search(around)) and GRAMMAR.report(
            text, m.start(), m.end()
        ):
            return True
    for m in (*_COUNT_OF.finditer(text), *_COUNT_OF_THE.finditer(text)):
        total = number(m.group(1), _NUMBER_WORDS) * float(m.group(2))
        if (
            total > 4.5
            and GRAMMAR.report(text, m.start(), m.end())
            and not _PRESCRIBER.search(sentence(text, m.start(), m.end()))
        ):
            return True
    instead = [(m, float(m.group(1)), float(m.group(2))) for m in _INSTEAD.finditer(text)]
    instead += [(m, float(m.group(2)), float(m.group(1))) for m in _INSTEAD_FIRST.finditer(text)]
    for m, taken, meant in instead:
        around = sentence(text, m.start(), m.end())
        if (
            taken > 1.5 * meant
            and GRAMMAR.report(text, m.start(), m.end())
            # a pharmacy's "instead of" is its mistake, not a dose the doctor raised
            and (not _PRESCRIBER.search(around) or _taken_from_pharmacy(text))
        ):
            return True
    return _doses_again(text)


# the pharmacy's wrong capsules already being taken ("y llevo una semana tomándolas")
_PHARMACY = re.compile(r"\bfarmac\w*")
_BEING_TAKEN = re.compile(r"\b(?:tomandol\w*|me (?:la|las|los) (?:he )?tom\w*)\b")
_NOT_YET = re.compile(r"\b(?:todavia no|aun no|antes de)\b")


def _taken_from_pharmacy(text: str) -> bool:
    return bool(_PHARMACY.search(text) and _BEING_TAKEN.search(text) and not _NOT_YET.search(text))


# another one, and another: three doses in a night or a day ("a las 10, otra a las 12 y luego
# otra mas", "hoy por la mañana otra vez 4,5 y a la noche otra")
_ANOTHER_AND_ANOTHER = re.compile(
    r"\botra (?:a las \d+|mas|vez)\b(?:[^\w]+\w+){0,10}?[^\w]+otra(?: mas| vez| a las \d+)?\b"
    # the usual one, then "de nuevo dos más"
    r"|\b(?:de nuevo|otra vez|encima) (?:dos|tres|cuatro|\d+) mas\b"
    # half a bottle or a whole one in one swig
    r"|\b(?:medio|todo el|el) (?:frasquito|frasco|bote)\b(?: [\w,]+){0,4}"
    r" (?:de un trago|de golpe)\b"
)
_TIME_OF_DAY = re.compile(r"\b(?:a las \d+|noche|manana|hoy|tarde|trago|golpe)\b")


def _doses_again(text: str) -> bool:
    return any(
        _TIME_OF_DAY.search(text)
        and not _FORGOT.search(text)
        and GRAMMAR.report(text, m.start(), m.end())
        for m in _ANOTHER_AND_ANOTHER.finditer(text)
    )


# ------------------------------------------------------------------ symptoms

_FACE = r"(?:cara|labios?|lengua|garganta|ojos|parpados|boca|cuello|rostro)"
_ALLERGIC = re.compile(
    # lips swollen "like balloons"; breathing with a whistle
    r"\blabios (?:\w+ ){0,2}como globos\b|\brespir\w* con (?:un )?silbido\b|\bsilbido al"
    r" respirar\b|"
    # blisters and the skin peeling off
    r"\bampollas\b(?: [\w,]+){0,8} (?:pelando|despeg\w*|levant\w*)\b|"
    rf"\b(?:hinch|inflam)\w*(?: \w+){{0,3}}? (?:la |los |las |el )?{_FACE}\b"
    rf"|\b{_FACE}\b(?: \w+){{0,3}}? (?:hinchad\w*|inflamad\w*|hinchando|hinchandose|gorda|gordos)"
    r"|\b(?:cierra|cerrando|cerrad\w*) (?:\w+ )?garganta|\bgarganta (?:\w+ ){0,3}(?:cerrad\w*"
    r"|apretad\w*)"
    r"|\bno puedo respirar|\b(?:me )?cuesta (?:mucho )?respirar|\bdificultad (?:para|al) respirar"
    r"|\brespiro (?:fatal|mal|con dificultad)|\b(?:me )?falta el aire|\bfalta de aire"
    r"|\bme ahogo\b(?! de (?:calor|risa))|\bahogandome\b|\bme estoy ahogando\b"
    r"|\bno me entra (?:el )?aire"
    r"|\bronchas\b|\burticaria\b|\bhabones\b|\breaccion alergica|\banafila\w*|\bshock alergico"
    r"|\bme estoy hinchando\b|\bcara como un globo|\bno respiro\b|\bme asfixio|\basfixia"
    r"|\bsilbidos? al respirar|\bsibilancias|\b(?:me )?silba el pecho"
)
_NOT_ALLERGIC = re.compile(
    r"\b(?:mosquitos?|picaduras?|picaron|chinches|pulgas|ortigas?|medusa)\b"
    r"|\b(?:serie|pelicula|peli|capitulo|episodio|tele|television|netflix|grey ?s|dr house)\b"
    r"|\b(?:nariz|mocos|resfriado|correr|subir|escaleras|trabajo|deberes|deudas|estres|calor"
    r"|llorar|llorando|dentista|muelas)\b"
    # a throat tight with emotion, a face puffy from little sleep: figures and everyday causes
    r"|\b(?:emocion\w*|ternura|orgullo|alegria|felicidad|dormir poco|dormi poco|poco sueno)\b"
    # over and well again ("fue un susto pero ya está bien"); drowning in paperwork
    r"|\bya (?:esta|estan|estoy) (?:bien|perfect\w*|recuperad\w*)\b"
    r"|\bahog\w* (?:en|de|con) (?:\w+ )?(?:papeleo|trabajo|deudas|deberes|facturas|tramites"
    r"|examenes|curro|burocracia|papeles|correos|emails|problemas|tareas)\b"
)
_CHEST = re.compile(
    # the chest heavy or squeezed, the heart wrung
    r"\b(?:me |le )?(?:pesa|aprieta|oprime) el pecho\b|\b(?:me |le )?estruj\w* el corazon\b|"
    # "como si un elefante me aplastara el pecho"
    r"\b(?:aplastara|aplasta|aplastando|sentado en|sentara en) (?:el|mi) pecho\b|"
    r"\b(?:dolor|dolores|presion|opresion|peso|pinchazos?|punzadas?|ardor|aprieta|oprime|molestia)"
    r" (?:\w+ ){0,5}?(?:en el|del|de|al|el) pe(?:ch|x)o\b|\bapret\w* (?:\w+ )?el pecho\b"
    r"|\b(?:me )?(?:pincha|punza|quema|arde|oprime|aprieta)\b (?:\w+ ){0,2}(?:el )?pecho\b"
    r"|\b(?:me )?duel[ae]n? (?:\w+ ){0,2}?(?:el )?pe(?:ch|x)o\b|\bpe(?:ch"
    r"|x)o (?:\w+ ){0,2}(?:me duele|me arde|me aprieta|me oprime|me quema"
    r"|duele|apretado|oprimido|pesado|dolor)\b|\binfarto\b|\bataque al corazon"
    r"|\bdolor (?:\w+ ){0,4}brazo izquierdo|\b(?:me duele|dolor en|dolor de) (?:el )?corazon"
    r"|\b(?:dolor|presion|opresion) (?:\w+ ){0,3}torax|\bangina de pecho"
    r"|\b(?:losa|piedra|ladrillo|elefante|yunque)\b(?: \w+){0,3} (?:en el|sobre el|encima del)"
    r" pecho\b"
    r"|\b(?:me )?(?:pincha|punza|duele|oprime|aprieta)\w* (?:\w+ ){0,2}(?:el )?corazon\b"
    r"|\bpinchazos? (?:\w+ ){0,2}(?:en|al) (?:el )?corazon\b"
)
_NOT_CHEST = re.compile(
    # a tattoo, a scar; a pain explained and gone ("eran gases")
    r"\b(?:tatuaje|piercing|cicatriz|depilacion)\b|\b(?:eran?|fue|fueron) (?:solo |solamente )?"
    r"(?:gases|ansiedad|nervios|muscular\w*|una contractura|reflujo|nada)\b"
    r"|\b(?:reir|risa|tos(?:o|er|iendo|es)?|gimnasio|agujetas|dar el pecho|precio|factura"
    r"|susto|cargar|cargando|bolsas|mudanza"
    # sore muscles from a workout
    r"|abdominales|flexiones|pesas|lagartijas|dominadas|press de banca|emocion\w*)\b"
    r"|\b(?:lo que|cuanto) (?:cuesta|cuestan|costaba)\b"
)
_YELLOW = re.compile(
    r"\bictericia\b|\b(?:piel|ojos?|blanco de(?:l| los) ojos?|cara"
    r"|escleras?)\b(?: \w+){0,4}? amarill\w*"
    r"|\bamarill\w* (?:la piel|los ojos|lo blanco de los ojos)|\b(?:me veo|estoy|esta|se ve"
    r"|se me (?:pusieron|puso|han puesto)|se le (?:pusieron|puso)|(?:la|lo) veo"
    r"|me pongo|me he puesto) amarill\w*"
    # "amarillento de cara"; the skin "turning sort of yellow"
    r"|\bamarillent\w*|\b(?:piel|cara|ojos?)\b(?: \w+){0,4} poniendo (?:como )?amarill\w*"
)
_DARK_URINE = re.compile(
    r"\b(?:orina|pis|pipi)\b(?: \w+){0,3}? (?:oscur\w*|marron|(?:como|color|de color)"
    r" (?:coca ?cola|cola|te|cafe))"
    r"|\b(?:oscur\w*|marron) (?:la )?(?:orina|pis)\b"
    r"|\b(?:orino|meo|hago pis)\b(?: \w+){0,2}? (?:oscur\w*|marron|(?:de )?color (?:coca ?cola"
    r"|cola|te"
    r"|cafe|marron|oscuro))"
    # stools pale as putty: the same liver sign beside the pain under the right ribs
    r"|\b(?:heces|caca|cacas|popo|deposicion\w*)\b(?: \w+){0,4}? (?:blanc\w*|clarit\w*|palid\w*"
    r"|gris\w*|color masilla|(?:color )?arcilla|muy clar\w*)"
)
_BELLY_PAIN = re.compile(
    r"\b(?:duele|dolor|molesti\w*|pinchazos?)\b(?: \w+){0,6}? (?:tripa|barriga|estomago|vientre"
    r"|abdomen|lado derecho|costado|higado|costillas|panza|guata)\b|\b(?:tripa|barriga|estomago"
    r"|vientre"
    r"|abdomen)\b(?: \w+){0,2}? duele"
)
_SEIZURE = re.compile(
    r"\bataque epileptico\b|\b(?:me|se) sacud\w*\b(?: [\w,]+){0,4} no (?:respond\w*|reaccion\w*)\b|"
    r"\bconvuls\w*|\bataque epileptico|\bcrisis (?:epileptica|convulsiva)|\bepilep\w* (?:ataque"
    r"|crisis)|\bme mordi la lengua\b|\bse mordio la lengua\b|\bse puso rigid[oa] y"
    r"|\bespasmos (?:y|sin) (?:no )?respond\w*|\bataque (?:de )?epilep\w*|\bcrisis de epilep\w*"
    r"|\b(?:sacud\w*|convulsion\w*|temblar|temblando) (?:\w+ ){0,2}(?:sin control|sin parar y)"
    r"|\brigid[oa]\b(?: \w+){0,3} (?:espasmos|temblores|sacudidas|convulsi\w*)"
    r"|\bojos en blanco\b(?: [\w,]+){0,6} (?:sacud\w*|tembl\w*|convuls\w*|espasm\w*|rigid\w*)"
    r"|\b(?:sacud\w*|tembl\w*) (?:\w+ ){0,6}ojos en blanco|\bempez\w* a (?:sacudirse|convulsionar)"
    r"|\blengua mordida\b|\bmordid[oa] la lengua\b"
    # jerks that will not stop, with the sight or the answers gone
    r"|\b(?:sacudidas|espasmos|temblores)\b(?: [\w,]+){0,6} (?:no contesta|no responde"
    r"|no (?:puedo|puede) parar\b(?: [\w,]+){0,4} se me va la vista)\b"
    r"|\bespasmos (?:\w+ ){0,4}(?:y )?(?:perdi|inconscient\w*|desmay\w*)"
    # jerks with awareness lost ("ausencias", "me quedo ida", "no me acuerdo de nada")
    r"|\bausencias?\b|"
    + near(
        r"sacudid\w*|tirones|espasmos|tembl\w*|tiembl\w*|temblor\w*",
        r"no me acuerdo de nada|no recuerdo nada|me quedo id[oa]|se queda en blanco"
        r"|me quedo en blanco|perdi la conciencia|perdi el conocimiento|no (?:le |me )?respond\w*"
        r"|no (?:le |me )?reaccion\w*|no sabe donde esta",
        10,
    )
)
_FAINTING = re.compile(
    r"\bdesma[yi]\w*|\bdesmall\w*|\bdesmaie\b|\bperdi\w* (?:el )?(?:conocimiento|la conciencia"
    r"|la consciencia|el sentido)|\binconscient\w*|\bdesvaneci\w*|\bno reacciona\b"
    r"|\bno (?:la|lo|le) (?:puedo|podemos) despertar|\bme cai redond\w*|\bme he caido redond\w*"
    r"|\bno despierta\b|\bno responde\b|\bse ha desplomado|\bse desplomo|\bme desplome"
    r"|\bperdi el sentido|\bme quede inconsciente|\binconcient\w*"
    r"|\bme desvanezco\b(?: [\w,]+){0,8} me cai\b"
    r"|\b(?:se me fue|se me puso|vi) todo negro\b(?: [\w,]+){0,8} (?:suelo|piso)\b"
    r"|\bno (?:abre|reacciona ni abre) los ojos\b"
    r"|\b(?:me fui|me cai|cai) al (?:suelo|piso)\b(?: [\w,]+){0,4} (?:no recuerdo|no me acuerdo)\b"
    r"|\bse me nublo todo\b(?: [\w,]+){0,3} (?:me fui|me cai|cai) al (?:suelo|piso)"
    r"|\b(?:me |se )?ca(?:i|yo|ido|ida) redond\w*|\b(?:volvi|volver|volvio|volviera"
    r"|vuelva) en (?:mi|si)\b"
    r"|\b(?:desperte|me desperte|aparec\w*|me encontre|me encontraron|la encontre|lo encontre"
    r"|amaneci)\b(?: \w+){0,2} (?:en el suelo|en el piso|tirad[oa])\b"
    r"|\b(?:casi|por poco) me (?:desmay\w*|caigo|caia)\b(?: \w+){0,2} (?:varias|muchas|dos"
    r"|tres|cada"
    r" vez|todos los dias|al levantarme)\b"
    # a fall with a gap after it: "me cai, no se cuanto tiempo estuve ahi"
    r"|\b(?:me cai|cai|me fui al suelo|me fui al piso)\b,?(?: [\w,]+){0,4} no (?:se|recuerdo"
    r"|me acuerdo) (?:de )?cuanto tiempo\b"
)
# "un juego que se llama convulsión": a name, not a report
_EXERTION = re.compile(r"\b(?:agujetas|gimnasio|entren\w*|cargar|cargando|mudanza)\b")
_NAMED = re.compile(r"\b(?:se llama|llamad[oa]|nombre|nombres)\b")
# "me desmayo de la emoción": a figure of speech
# A head that bleeds, after a fall or a blow (anywhere in the message).
_HEAD_BLEEDING = re.compile(
    r"\b(?:sangr\w*|sangre)\b(?: \w+){0,5} (?:la )?cabeza\b|\bcabeza\b[^.!?;\n]*\bsangr\w*"
)
_FALL_OR_BLOW = re.compile(r"\b(?:golpe\w*|cai|caido|caida|caer\w*|cayo|herida|brecha|escaleras)\b")
_NOT_FAINTING = re.compile(
    # fainting whenever blood or a needle is seen: a known trait, not today's event
    r"\b(?:cada vez|siempre) que (?:\w+ ){0,3}(?:sangre|agujas?|jeringas?|pinchan|sacan sangre)\b|"
    r"\bde (?:la )?(?:emocion|risa|alegria|gusto|felicidad)\b|\bdel gusto\b"
    r"|\b(?:precio|precios|factura|lo que (?:cuesta|cuestan))\b"
    r"|\bhace (?:\w+ )?(?:anos|mucho tiempo)\b(?! que)"
)
_OTHER = re.compile(
    r"\bvomit\w* sangre|\bsangre al vomitar|\bictus\b|\bderrame cerebral|\b(?:boca|cara) torcida"
    r"|\bno puedo mover (?:el|la|un|una) (?:brazo|pierna|lado)|\bno me salen las palabras"
    # a stroke seen in someone: half the face or one side that will not move, and odd speech
    r"|\bno (?:puede|puedo) mover (?:el lado|la mitad|medio|media)\b(?: [\w,]+){0,6}"
    r" habla\w* raro\b"
    r"|\bhablo raro\b|\bhemorragia\b|\bno puedo hablar bien|\bse me duerme (?:la mitad|medio)"
    r"|\bel peor dolor de cabeza|\btosiendo sangre|\bescupo sangre"
    r"|\blabios (?:morados|azules|azulados)|\b(?:morad|azul)\w* los labios"
    # fever with a stiff neck
    r"|\bfiebre\b(?:[ ,]+\w+){0,6}?[ ,]+(?:cuello|nuca) rigid\w*"
    r"|\b(?:cuello|nuca) rigid\w*(?:[ ,]+\w+){0,6}?[ ,]+fiebre"
)


def _jaundice(text: str) -> bool:
    yellow = Rule(
        "jaundice",
        _YELLOW,
        # the capsules are yellow; the colour a lamp, a filter or a screen gives ("es la luz de
        # la cocina")
        unless=re.compile(
            r"\b(?:capsulas?|pastillas?)\b|(?<!no )\b(?:es|era|fue|solo|por) (?:\w+ )?(?:la luz"
            r"|el filtro"
            r"|la lampara|la pantalla|el foco|la foto)\b|\b(?:filtro|selfie)\b"
        ),
    )
    if yellow.fires(GRAMMAR, text):
        return True
    urine = Rule("jaundice", _DARK_URINE)
    belly = Rule("jaundice", _BELLY_PAIN)
    return urine.fires(GRAMMAR, text) and belly.fires(GRAMMAR, text)


# ------------------------------------------------------------------ opioids, pregnancy

_OPIOID = re.compile(
    r"\b(?:tramadol|tramadoles|valoron|oxicodona|oxycodona|oxycodone|oxycontin|codeina|morfina"
    r"|fentanil\w*|fentanyl"
    r"|metadona|buprenorfina|suboxone|heroina|tapentadol|palexia|hidrocodona|hidromorfona"
    r"|petidina|dolantina|opioides?|opiaceos?|opiodes?|tilidina|kratom|zaldiar|adolonta"
    r"|parches de fentanilo|durogesic|targin|tylex|tradol|tramal|transtec|actiq|abstral|sevredol"
    r"|oramorph|dihidrocodeina|codeisan|toseina|nucynta|nubain|nalbufina|oxynorm|temgesic"
    # American brand names (Latin America and the US): hydrocodone, oxycodone, hydromorphone
    r"|vicodin|percocet|norco|lortab|dilaudid|demerol|tramacet|ultram)\b"
)
_LDN = re.compile(r"\b(?:ldn|naltrexona)\b")
_WITHDRAWAL = re.compile(r"\b(?:sindrome de )?abstinencia\b|\b(?:el|con|con el|tengo el) mono\b")
_WITHDRAWAL_SIGNS = re.compile(
    r"\b(?:sud\w*|tembl\w*|vomit\w*|escalofrios?|diarrea|calambres|fatal|horrible|espasmos"
    r"|ansiedad|bostez\w*|huesos|moqueo|mocos|piel de gallina|lagrim\w*|lloran|nervios\w*"
    r"|inquiet\w*|agitad\w*|re nervios\w*|tiritando|carne de gallina|retortijones"
    r"|pelos de punta|tiemblo|tirito|estornud\w*|pupilas dilatadas)\b"
)
_OPIOID_TAKEN = re.compile(
    r"\b(?:tome|tomado|tomamos|me (?:pusieron|dieron|dio|han dado|han puesto|inyectaron)"
    r"|estoy con|empece|acabo de tomar|tomo|me tomo|me pongo|llevo|me recetaron|me han recetado"
    r"|sigo con|uso|usando|estoy en|toma|le dieron|le han dado"
    # not stopped before LDN, or LDN taken while on it ("se podia con el tramadol")
    r"|no (?:deje|he dejado)|sin dejar|(?:se podia|se puede|mezclar) con (?:el|la))\b"
)
_OPIOID_NOT_NOW = re.compile(
    r"\b(?:puedo|se puede|pasa algo|cuanto tiempo|esperar|hay algun problema|deje|dejado|dejar"
    r"|(?<!por )si|antes de|hace (?:\w+ )?(?:anos|meses))\b"
    r"|\b(?:es|son) (?:un |una )?(?:opioides?|opiaceos?)\b"
    # an opioid a dentist or a doctor wants to prescribe: not taken yet
    r"|\bme (?:quiere|quieren|va a|van a) (?:dar|recetar|poner|mandar) (?:\w+ )?(?:"
    + _OPIOID.pattern[5:-3]
    + r")\b|\b(?:quiere|quieren|va a|van a) (?:dar|recetar|poner|mandar)me (?:\w+ )?(?:"
    + _OPIOID.pattern[5:-3]
    + r")\b"
    # "un paracetamol, sin codeína": the opioid denied
    r"|\b(?:sin|ni|nada de) (?:\w+ )?(?:" + _OPIOID.pattern[5:-3] + r")\b"
    # whether they go together, or how long before LDN to stop the opioid, asked with nothing
    # taken together told ("uso oxicodona, cuanto antes tengo que dejarla pa arrancar ldn");
    # what the naltrexone of detox is for
    r"|^(?!.*\b(?:tome|me tome|he tomado|me he tomado|acabo de|anoche|hace (?:un|una|media|\d+)"
    r" (?:\w+ )?(?:hora|horas|rato|minutos))\b).*\b(?:(?:es|son|sera|seria) compatibles?"
    r"|se (?:\w+ )?(?:puede|pueden|podria) (?:combinar|mezclar|juntar|tomar)"
    r"|puede (?:tomar|empezar|usar|combinar)|cuanto (?:tiempo )?antes|(?:tengo|tiene|hay) que dejar"
    r"\w*|(?:pa|para) (?:arrancar|empezar|comenzar|iniciar)|desintoxic\w*)\b"
)
_SOMEONE_ELSE = re.compile(
    r"\bmi (?:marido|mujer|madre|padre|pareja|hijo|hija|abuel[oa]|herman[oa]|novi[oa]|tio|tia)"
    r" (?:\w+ )?(?:toma|usa|esta con|lleva|tomaba|usaba|llevaba|recibia|tuvo)\b"
)


_ON_OPIOID = re.compile(
    r"\b(?:tomo|uso|estoy con|estoy tomando|me (?:recetaron|han recetado|dieron|han dado|pusieron"
    r"|han puesto|inyectaron|pongo)|llevo|sigo con|estoy en (?:un |el )?programa de"
    r"|(?:en )?tratamiento (?:con|de))\b"
    r"(?: \w+){0,3}? (?:" + _OPIOID.pattern[5:-3] + r")\b"
)


_ASKS_IF_TOGETHER = re.compile(
    r"\?|\b(?:puedo|se puede|podria|debo|deberia|es compatible|son compatibles"
    r"|hay (?:algun )?problema|pasa algo|esta bien"
    # how long before LDN to stop it: "cuanto antes tengo que dejarla pa arrancar ldn"
    r"|cuanto (?:tiempo )?antes|(?:tengo|tiene|hay) que dejar\w*|(?:pa|para) (?:arrancar|empezar"
    r"|comenzar|iniciar))\b"
)


def _on_opioid(text: str) -> bool:
    """The patient (on LDN, or they would not be here) says they are on an opioid now ("tomo
    codeína para la tos"). Asking whether the two go together ("tomo tramadol, ¿puedo tomar LDN
    también?") is the FAQ's opioid answer, as in English."""
    if _ASKS_IF_TOGETHER.search(text):
        return False
    return any(
        not GRAMMAR.negated(text, m.start())
        and not GRAMMAR.question_before.search(GRAMMAR.before(text, m.start()))
        and not GRAMMAR.history.search(text)
        and not GRAMMAR.others.search(text)
        for m in _ON_OPIOID.finditer(text)
    ) and not _SOMEONE_ELSE.search(text)


# the one on the opioid who got LDN is the one with the signs: "está vomitando con calambres"
_THEIR_SIGNS = re.compile(
    r"\b(?:esta|anda) (?:\w+ )?(?:vomitando|temblando|sudando|agitad[oa]|con (?:calambres"
    r"|diarrea|escalofrios))\b"
)


# loperamide in big amounts acts as an opioid ("loperamida a montones")
_BIG_LOPERAMIDE = re.compile(
    r"\b(?:loperamida|imodium|fortasec)\b(?: \w+){0,3} (?:a montones|un monton|montones"
    r"|a punados|en grandes cantidades|en cantidad|cajas enteras|(?:\d\d|diez|veinte) (?:pastillas"
    r"|capsulas|comprimidos))\b"
    r"|\b(?:montones|un monton|cajas enteras|(?:\d\d|diez|veinte) (?:pastillas|capsulas"
    r"|comprimidos)) de (?:loperamida|imodium|fortasec)\b"
)


def _opioid_withdrawal(text: str) -> bool:
    for m in _WITHDRAWAL.finditer(text):
        if GRAMMAR.report(text, m.start(), m.end()) and not re.search(r"\bpuedo\b", text):
            return True
    ldn = _LDN.search(text) or re.search(r"\b(?:la capsula|la dosis|la pastilla)\b", text)
    big_loperamide = _BIG_LOPERAMIDE.search(text)
    if not ((_OPIOID.search(text) and _OPIOID_TAKEN.search(text)) or big_loperamide) or not ldn:
        return False
    return any(
        GRAMMAR.report(text, m.start(), m.end()) for m in _WITHDRAWAL_SIGNS.finditer(text)
    ) and (not _SOMEONE_ELSE.search(text) or bool(_THEIR_SIGNS.search(text)))


_BOTH_TAKEN = re.compile(
    r"\b(?:tome|me tome|he tomado|me he tomado|tomado|tomo)\b(?: \w+){0,2} (?:las dos cosas|los dos"
    r"|ambos|ambas|las dos)\b"
    # a carer gave LDN to someone on the opioid ("mi mamá toma Tramal ... y le di la ldn")
    r"|\b(?:le|les) (?:di|dimos|he dado|hemos dado|dio) (?:\w+ )?(?:ldn|naltrexona)\b"
    # the capsule taken anyway after the opioid ("tomé tramal, se me olvidó y me tomé la cápsula")
    r"|\b(?:me tome|tome|me he tomado) (?:la|mi) (?:capsula|dosis|pastilla)\b (?:\w+ )?(?:igual"
    r"|igualmente|de todas formas|de todos modos|tambien)\b"
)
# someone on an opioid who was given LDN and has taken it ("mi madre usa parche de buprenorfina
# y le dieron ldn, ya se tomó la primera")
_GIVEN_LDN_ON_OPIOID = re.compile(
    r"\b(?:le|les) (?:dieron|recetaron|han dado|han recetado|mandaron|pusieron) (?:\w+ )?(?:ldn"
    r"|naltrexona)\b.*\b(?:ya )?se (?:la |lo )?(?:tomo|ha tomado)\b"
    # or the other way: on LDN, given the opioid, both taken ("mi hijo toma ldn y le dieron
    # oxicodona ..., ya se tomó las dos cosas")
    r"|\b(?:le|les) (?:dieron|recetaron|han dado|han recetado|mandaron|pusieron) (?:\w+ )?(?:"
    + _OPIOID.pattern[5:-3]
    + r")\b.*\bse (?:tomo|ha tomado) (?:las dos cosas|ambas cosas|los dos|las dos|ambos|ambas)\b"
)


def _given_on_opioid(text: str) -> bool:
    given = _GIVEN_LDN_ON_OPIOID.search(text)
    return bool(
        given
        and _SOMEONE_ELSE.search(text)
        and _OPIOID.search(text)
        and not _ASKS_IF_TOGETHER.search(text)
    )


_opioid_co_use_said = opioid_co_use_detector(
    GRAMMAR,
    on_opioid=_on_opioid,
    both_taken=_BOTH_TAKEN,
    opioid=_OPIOID,
    ldn=_LDN,
    taken=_OPIOID_TAKEN,
    asks_if_together=_ASKS_IF_TOGETHER,
    not_now=_OPIOID_NOT_NOW,
    someone_else=_SOMEONE_ELSE,
)
# Still on an opioid and starting LDN anyway ("sigo con mis pastillas de hidrocodona, ¿puedo
# empezar ldn igual?"), or on LDN with an opioid for tonight ("¿puedo tomarme uno esta noche con mi
# ldn?"): the LDN would push the opioid out; a general question is the FAQ's.
_STILL_ON_OPIOID = re.compile(
    r"\b(?:sigo con|sigo tomando|tomo (?:\w+ )?(?:a diario|todos los dias|cada dia))\b(?: \w+){0,4}"
    r" (?:" + _OPIOID.pattern[5:-3] + r")\b"
)
_LDN_ANYWAY = re.compile(
    r"\b(?:empezar|comenzar|iniciar|arrancar)\b(?: \w+){0,2} (?:con )?(?:la )?(?:ldn|naltrexona)"
    r" (?:igual|igualmente|de todas formas|de todos modos)\b"
)
_OPIOID_TONIGHT_ON_LDN = re.compile(
    r"\btomar(?:me)? (?:uno|una|un \w+)? ?(?:esta noche|hoy|ahora)\b(?: \w+){0,2} con (?:mi |la )?"
    r"(?:ldn|naltrexona)\b"
)


# an opioid and LDN taken at once, by the patient or a parent ("mi madre toma zaldiar y ldn a la
# vez")
_BOTH_AT_ONCE = re.compile(
    r"\b(?:toma|tomo|esta tomando|estoy tomando)\b(?: \w+){0,3} (?:" + _OPIOID.pattern[5:-3] + r")"
    r" y (?:la )?(?:ldn|naltrexona) (?:a la vez|juntos|juntas|al mismo tiempo)\b"
)


def _opioid_on_top(text: str) -> bool:
    both = _BOTH_AT_ONCE.search(text)
    if both and not GRAMMAR.negated(text, both.start()):
        return True
    if _SOMEONE_ELSE.search(text) or GRAMMAR.history.search(text):
        return False
    still = _STILL_ON_OPIOID.search(text)
    if still and _LDN_ANYWAY.search(text) and not GRAMMAR.negated(text, still.start()):
        return True
    tonight = _OPIOID_TONIGHT_ON_LDN.search(text)
    return bool(tonight and _OPIOID.search(text) and not GRAMMAR.negated(text, tonight.start()))


# both planned for tonight, said as a plan and not asked ("esta noche me voy a tomar la codeína y
# después el ldn", "voy a tomarme las dos antes de dormir")
_TONIGHT = re.compile(r"\b(?:esta noche|hoy|antes de (?:dormir|acostarme)|al acostarme)\b")
_PLAN_TO_TAKE = re.compile(
    r"\b(?:me voy a tomar|voy a tomar(?:me)?|me tomare|tomare|pienso tomar(?:me)?"
    r"|voy a meterme)\b"
)


def _both_tonight(text: str) -> bool:
    if not (_OPIOID.search(text) and _LDN.search(text) and _TONIGHT.search(text)):
        return False
    if _SOMEONE_ELSE.search(text) or GRAMMAR.history.search(text):
        return False
    return any(
        not GRAMMAR.negated(text, m.start())
        and not GRAMMAR.question_before.search(GRAMMAR.before(text, m.start()))
        and not re.search(r"\b(?:puedo|podria|se puede|debo|deberia)\b", text[: m.start()])
        for m in _PLAN_TO_TAKE.finditer(text)
    )


_opioid_co_use = _any(_opioid_co_use_said, _given_on_opioid, _opioid_on_top, _both_tonight)


_PREGNANT = re.compile(
    r"\b(?:estoy|estar|este|quede|quedado|quedada|soy)\b(?: \w+){0,2}? (?:embaraz\w*|encinta"
    r"|en estado|prenad\w*|en cinta)\b|\bestoy de (?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho"
    r"|nueve"
    r"|diez) (?:semanas|meses)\b(?! (?:con|tomando|de tratamiento|en))|\b(?:test"
    r"|prueba)\w*(?: \w+){0,6}? positiv\w*"
    r"|\bpositiv\w*(?: \w+){0,4}? (?:test|prueba)\b|\bvoy a ser (?:madre|mama)\b"
    r"|\b(?:estoy esperando|espero) (?:un |una )?(?:bebe|hijo|hija|nino|nina)\b"
    r"|^[ ,]*embarazada de (?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho) (?:semanas|meses)\b"
    r"|\b(?:dos|double|doble) (?:rayitas?|rayas?|lineas?)\b(?: \w+){0,4} (?:test|prueba)\b"
    r"|\b(?:test|prueba)\b(?: \w+){0,4} (?:dos|double|doble) (?:rayitas?|rayas?|lineas?)\b"
    r"|\bconfirm\w* (?:\w+ )?(?:el |mi )?embarazo|\bembarazo (?:\w+ )?confirmad\w*"
    r"|\b(?:salio|ha salido|dio|ha dado) positivo\b(?=.*\b(?:no lo buscabamos|no lo esperaba"
    r"|bebe|ldn|naltrexona|mg|capsulas?|dosis|encargo)\b)|\bestoy de encargo\b"
)
_pregnancy_stated = rules_detector(
    GRAMMAR,
    [
        Rule(
            "pregnancy",
            _PREGNANT,
            unless=re.compile(
                r"\b(?:covid|gripe|antigenos|negativ\w*|intent\w*|buscando|queremos|quiero|tratando"
                r"|planeando|para quedarme)\b"
            ),
        )
    ],
)

_NEGATIVE_TEST = re.compile(r"\bnegativ\w*")


# "mi hija ... está embarazada y toma naltrexona": a daughter or a partner on LDN, pregnant
_SHE_PREGNANT_ON_LDN = re.compile(
    r"\b(?:esta|quedo|se quedo) (?:\w+ )?(?:embarazada|encinta|en estado)\b(?: [\w,]+){0,4} (?:y )?"
    r"(?:toma|tomaba|esta tomando|sigue tomando) (?:\w+ )?(?:ldn|naltrexona)\b"
)


def _pregnancy(text: str) -> bool:
    """A pregnancy reported, unless the message says the test was negative."""
    if _NEGATIVE_TEST.search(text):
        return False
    return _pregnancy_stated(text) or any(
        GRAMMAR.report(text, *m.span()) for m in _SHE_PREGNANT_ON_LDN.finditer(text)
    )


# Nearly fainted, with a sign that it was close ("casi me desmayo en la ducha, todo negro, me
# tuve que acostar en el piso", "casi pierdo el conocimiento ... el pulso muy lento"): "casi"
# reads as a negation elsewhere, so the sign decides.
_NEARLY_FAINTED = re.compile(
    r"\bcasi (?:me desmay\w*|pierdo el conocimiento|perdi el conocimiento|me caigo redond\w*)\b"
)
_CLOSE_CALL = re.compile(
    r"\btodo (?:negro|oscuro)\b|\bse me (?:nublo|fue|puso negra) (?:la vista|todo)\b"
    r"|\bme (?:tuve|tengo) que (?:acostar|tumbar|sentar|tirar)\w*|\ben el (?:piso|suelo)\b"
    r"|\bpulso (?:muy |super |re )?(?:lento|debil|flojo)\b|\bsin fuerzas?\b"
)


def _nearly_fainted_badly(text: str) -> bool:
    return any(
        _CLOSE_CALL.search(sentence(text, *m.span()))
        and not GRAMMAR.history.search(sentence(text, *m.span()))
        and not _NOT_FAINTING.search(sentence(text, *m.span()))
        and not GRAMMAR.question_before.search(GRAMMAR.before(text, m.start()))
        for m in _NEARLY_FAINTED.finditer(text)
    )


# ------------------------------------------------------------------ more kinds (triage-esde6)

# Suicidal wording of kinds the patterns above missed: at the point of taking all the pills,
# the pills in hand, asking whether the whole bottle would end it "in earnest"; affairs settled
# and at peace with "the decision"; a letter left and "tonight is the night"; things given away
# "where I'm going I won't need them"; a plan for when the partner is away; no longer being
# here for the reminders; not bothering anyone any more; vanishing so nobody finds me.
_SUICIDAL_KINDS = re.compile(
    r"\ba punto de (?:tomarme|tragarme|tirarme|matarme|cortarme|colgarme)\b"
    r"|\btengo (?:las|todas las|mis) (?:pastillas|capsulas|pildoras) (?:\w+ ){0,2}(?:en la mano"
    r"|preparadas|listas|contadas|juntadas)\b"
    r"|\b(?:todas las|todo el|toda la) (?:capsulas|pastillas|frasco|bote|pildoras|caja)\b"
    r"(?: [\w,]+){0,8} (?:ya no despierto|no me despierto|no despierto|se acaba todo|se acaba"
    r"|para siempre|me muero)\b"
    r"|\b(?:pregunto|lo pregunto) (?:x|por) mi\b|\blo pregunto en serio\b"
    r"|\bno quiero (?:seguir |estar )?(?:mas )?en este mundo\b"
    r"|\btestamento\b,?(?: [\w,.]+){0,12} (?:decision|ya esta|en paz|listo|tranquil[ao])\b"
    r"|\b(?:pague|salde) (?:todas )?(?:las |mis )?deudas\b,?(?: [\w,.]+){0,6} (?:ya esta|es mejor"
    r" asi|listo)\b"
    r"|\bestoy en paz con (?:la|mi) decision\b|\besta noche es la noche\b"
    r"|\bfue (?:lindo|bonito|un placer) mientras duro\b"
    r"|\bcuiden (?:a|de) mi (?:gata|gato|perro|perra|hij[oa]s?)\b"
    r"|\bpor si no vuelvo\b,?(?: [\w,.]+){0,6} (?:da igual|ya no importa)\b"
    r"|\bsin q(?:ue)? (?:\w+ ){0,4}(?:me encuentre|me encuentren)\b|\bque nadie me encuentre\b"
    r"|\bq nadie me encuentre\b"
    r"|\b(?:regale|di|deje|queria|doy|regalo)\b,?(?: [\w,]+){0,12} (?:ya no (?:las|los|la"
    r"|lo) (?:voy"
    r" a|vaya a) (?:usar|necesitar)|donde voy no (?:la|lo|las|los) necesito|no (?:la|lo|las|los)"
    r" voy a necesitar)\b"
    r"|\blo tengo todo (?:pensado|planeado|preparado)\b|\bya tengo el plan (?:hecho|listo)\b"
    r"|\b(?:decidi|decidido) como (?:lo voy a|voy a) hacer(?:lo)?\b"
    r"|\bno (?:voy a|pienso|creo que|creo q) (?:\w+ )?(?:estar|este|seguir|siga|quedarme|quede)"
    r" (?:\w+ ){0,3}"
    r"(?:aqui|aca|vivo|viva)\b|\bno pienso seguir\s*(?:[.!?,]|$)|\bno voy a durar mucho\b"
    r"|\b(?:porque|xq|pq) ya no estoy\b|\bya no (?:me )?vas a (?:tener q(?:ue)? )?recordar nada\b"
    r"|\bya no (?:voy a|os voy a|les voy a|te voy a) molestar mas\b"
    r"|\bdesaparez\w* para siempre\b|\bdesaparecer para siempre\b"
    r"|\bbusque\b,?(?: [\w,]+){0,4} cuant[ao]s (?:capsulas|pastillas|pildoras)"
    r" (?:hacen falta|necesito"
    r"|son mortales|matan)\b"
    # the means got and kept: blades that are not for shaving, a rope put away
    r"|\b(?:compr\w*|tengo|guard\w*|escond\w*|consegui)\b(?: \w+){0,3} (?:cuchillas|soga|sogas)\b"
    r"(?!.*(?<!no es )(?<!no son )\b(?:para|de) (?:afeitar\w*|depilar\w*|tender|la ropa|saltar"
    r"|escalar|escalada|el barco|el cutter|la maquinilla|manualidades|cortar|el columpio))"
    # "hoy me mato": said plainly, not "me mato a trabajar"
    r"|\b(?:hoy|esta noche|ya|manana) me mato\s*(?:[.!?,;]|$)"
    # into the water and not out again
    r"|\b(?:meterme|entrar|hundirme|tirarme) (?:en |al |a )?(?:la |el )?(?:banera|agua|mar|rio"
    r"|lago|piscina|pantano)\b(?: \w+){0,2} y no (?:salir|volver|sacar la cabeza)\b"
    # the whole bottle in the hand, a plan beside hopelessness, the pills counted and decided
    r"|\b(?:pensando en|pienso en|ganas de|voy a|quiero|pensado en) (?:tomar|tragar|beber)mel[oa]s?"
    r" tod[oa]s?\b"
    r"|^(?=.*\b(?:ninguna esperanza|sin esperanza|no tengo esperanza|no puedo mas|no aguanto mas"
    r"|ya no puedo)\b).*\b(?:tengo|ya tengo|hice) un plan\b"
    r"|\b(?:pastillas|capsulas)\b.*\bya (?:esta|lo tengo|lo he) decidido\b"
    # hurting oneself in secret, or until it bleeds
    r"|\bme (?:lastimo|hago dano|hiero|corto|golpeo|quemo) (?:\w+ ){0,2}cuando nadie (?:me )?ve\b"
    r"|\bme (?:doy golpes|doy cabezazos|golpeo|arano|muerdo|pellizco|pego)\b(?: [\w,]+){0,8} hasta"
    r" (?:hacerme )?sangr\w*\b(?=.*\b(?:no puedo parar|otra vez|a proposito|adrede|cuando nadie"
    r"|crisis|de nuevo)\b)"
)
_INDIRECT_KINDS = re.compile(
    r"\bya me rendi\s*(?:[.!?,]|$)|\bya da igual todo\b|\btodo (?:me )?da igual ya\b"
    r"|\bya me despedi de (?:mis|mi|todos|todas)\b"
    r"|\b(?:termino|terminar|acabar|acabo) con esto\b(?! (?:de|del|y)\b)"
    r"|\b(?:termino|terminar|acabar|acabo) con todo\s*(?:[.!?,]|$)"
    r"|\bdeje una carta\b,?(?: [\w,]+){0,4} para (?:mi|mis)\b"
)
_MUNDANE_KINDS = re.compile(
    r"\b(?:viaje|vacaciones|mudanza|mudo|trabajo|otro pais|dieta|gimnasio|fiesta|boda|cumple\w*"
    r"|sorpresa|examen|partido|medico|doctor\w*|clinica|farmacia|ciudad|pais|grupo|chat)\b"
)


def _suicidal_more(text: str) -> bool:
    for m in _SUICIDAL_KINDS.finditer(text):
        around = sentence(text, *m.span())
        if GRAMMAR.negated(text, m.start()) or _NOT_SUICIDAL.search(around):
            continue
        if GRAMMAR.history.search(around) or _MUNDANE_KINDS.search(around):
            continue
        return True
    for m in _INDIRECT_KINDS.finditer(text):
        around = sentence(text, *m.span())
        if _MUNDANE_KINDS.search(around) or _MUNDANE.search(around):
            continue
        if GRAMMAR.negated(text, m.start()) or _NOT_SUICIDAL.search(around):
            continue
        return True
    return False


# Overdoses of kinds the rules above missed: taken again ("la volví a tomar", "ya la había
# tomado"), taken twice without meaning to, three doses in 24 hours, a week's box at once,
# someone else's capsules on top of one's own, a total above the dose, a spoon, a glass or a
# small bottle of the liquid, a count of one's capsules taken alone, the wrong bottle.
_OVERDOSE_KINDS = re.compile(
    r"\b(?:la|lo|las|los) (?:volvi|volvio|he vuelto|ha vuelto|volvimos) a (?:tomar|dar)\b"
    r"|\bya (?:me |se )?(?:lo|la) (?:habia|habiamos) (?:tomado|dado)\b"
    r"|\b(?:me )?tome (?:\w+ )?(?:2|dos|3|tres|el doble) (?:\w+ )?(?:sin querer|por error"
    r"|sin darme cuenta|por equivocacion)\b"
    r"|\b(?:sin querer|por error|sin darme cuenta) (?:me )?tome (?:\w+ )?(?:2|dos|3|tres"
    r"|el doble)\b"
    r"|\b(?:llevo|van|llevamos) (?:3|tres|4|cuatro|5|cinco) (?:dosis|capsulas|pastillas|tomas)"
    r" en (?:24 horas|un dia|el dia|hoy|un solo dia)\b"
    r"|\btoda la semana\b,?(?: [\w,]+){0,4} (?:de una vez|de golpe|de una|junt\w*)\b"
    r"|\bademas de (?:la|las) mias?\b"
    r"|\b(?:la|las) de (?:mi|su) (?:madre|padre|marido|mujer|hij\w*|pareja|abuel\w*)\b,?"
    r"(?: [\w,.]+){0,4} y (?:la|las) mias?\b"
    r"|\b(?:cucharada|cuchara sopera|vaso|vasito|frasquito|frasco entero|chupito|taza)\b"
    r"(?: [\w,]+){0,6} (?:del|de la|de) (?:liquido|ldn|solucion|jarabe)\b"
    r"|\b(?:me he bebido|me bebi|me tome|se bebio|se tomo)\b,?(?: [\w,]+){0,2} (?:el frasquito"
    r"|el frasco"
    r"|la botellita|medio frasco|la mitad del frasco)\b"
    r"|\b(?:tomado|tomo|tome)\b,?(?: [\w,]+){0,3} (?:[2-9]|dos|tres|cuatro|cinco|seis"
    r"|siete) de (?:sus"
    r"|mis|las) (?:capsulas|pastillas)\b"
    r"|\b(?:confundi|equivoque|equivoco|confundio) de (?:bote|frasco|caja|blister|pastillero)\b"
    r"(?: [\w,]+){0,8} (?:tome|trague|tomo|las capsulas|la de \d+)\b"
)
_ML_TAKEN = re.compile(
    r"\b(?:servi|bebi|tome|tomado|bebido|trague)\b,?(?: [\w,]+){0,4} (\d+(?:\.\d+)?) ?ml"
    r"\b"
)
_TOTAL = re.compile(
    r"\ben total (\d+(?:\.\d+)?)( ?mg)?\b|\b(\d+\.\d+) ?mg en total\b"
    # "cada una de 4.5 ... o sea 9 mg en total"
    r"|\bo sea (\d+(?:\.\d+)?) ?mg\b"
)
_NOT_OVERDOSE_KINDS = re.compile(
    r"\b(?:si|cuando|antes de|vomit\w*|devolvi|medic[oa]|doctor\w*|me (?:subio|aumento|receto)"
    r"|puedo|deberia|podria)\b"
)
_NOT_AN_OVERDOSE = re.compile(
    r"\bsobredosis de (?:cafe\w*|azucar|chocolate|series?|netflix|trabajo|sol|amor|memes)\b"
    r"|\b(?:medic[oa]|doctor[a]?|neurolog[oa]|reumatolog[oa])\b,?(?: [\w,]+){0,2} (?:me )?(?:subio"
    r"|aumento|cambio|puso|receto)\b(?!.*\b(?:sin querer|por error|equivoc\w*|confund\w*|dos veces"
    r"|el doble|de mas)\b)"
    # taken up again after a break; a worry answered at once ("ah no, ... todo bien")
    r"|\b(?:pausa|descanso)\b|\bah no\b.{0,80}\btodo bien\b"
)


# Two doses in one go, a forgotten day made up or not ("hoy me tomé doble", "la del martes y la
# del miércoles juntas", "la de la mañana y la de la noche"); capsules missing from the box
# that were taken unnoticed ("me faltan 8 cápsulas ... creo que me las tomé anoche").
_DAY = (
    r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|ayer|hoy|manana|noche|tarde"
    r"|anoche)"
)
_TWO_DOSES_AT_ONCE = re.compile(
    r"\b(?:me )?(?:tome|he tomado|me he tomado|trague) (?:el |la )?doble\b(?: dosis)?"
    r"(?! de (?!(?:la |mi )?(?:ldn|naltrexona)\b)\w)"
    rf"|\b(?:tome|he tomado|tomado|trague)\b(?: \w+){{0,2}} (?:la|las) de(?:l| la| el)? {_DAY}"
    rf" y (?:la|las) de(?:l| la| el)? {_DAY}\b"
    r"|\bme faltan\b(?: \w+){0,2} (?:capsulas|pastillas|dosis)\b(?: [\w,]+){0,8} me (?:las|los)"
    r" (?:tome|he tomado|trague|habre tomado)\b"
)
_ANOTHER_DAY = re.compile(
    r"\b(?:al dia siguiente|otro dia|vomit\w*|devolvi\w*|escupi\w*|se me cayo|pausa|descanso)\b"
    # forgotten yesterday, taken today: one dose
    r"|\bolvid\w* ayer\b|\bayer (?:me |se me )?(?:la |lo )?olvid\w*"
)


def _overdose_more(text: str) -> bool:
    if _THOUGHT_BUT_NOT.search(text) or _MEDIA.search(text):  # "vi en una pelicula a uno que..."
        return False
    for m in _OVERDOSE_KINDS.finditer(text):
        if _NOT_OVERDOSE_KINDS.search(GRAMMAR.before(text, m.start())):
            continue
        if _ANOTHER_DAY.search(sentence(text, *m.span())):
            continue
        if GRAMMAR.negated(text, m.start()) or _PRESCRIBER.search(sentence(text, *m.span())):
            continue
        return True
    for m in _ML_TAKEN.finditer(text):
        if float(m.group(1)) > 5 and not _NOT_OVERDOSE_KINDS.search(
            GRAMMAR.before(text, m.start())
        ):
            return True
    for m in _TOTAL.finditer(text):
        value = m.group(1) or m.group(3) or m.group(4)
        if float(value) > 4.5 and (m.group(2) or m.group(3) or m.group(4) or "." in value):
            return True
    for m in _TWO_DOSES_AT_ONCE.finditer(text):
        around = sentence(text, *m.span())
        if _NOT_OVERDOSE_KINDS.search(GRAMMAR.before(text, m.start())) or _MEDIA.search(around):
            continue
        if GRAMMAR.negated(text, m.start()) or _PRESCRIBER.search(around):
            continue
        return True
    return False


# Symptoms in words the patterns above missed, and the look-alikes' kinds.
_FAINTING_KINDS = re.compile(
    r"\bsin conocimiento\b|\bsoponcio\b|\btodo negro\b,?(?: [\w,]+){0,4} (?:me desperte|desperte"
    r"|en el suelo)\b|\bme encontr\w* en el suelo\b|\bquede en el suelo\b"
)
_NOT_FAINTING_KINDS = re.compile(
    r"\b(?:serie|novela|capitulo|protagonista|pelicula|peli|jaja\w*|como desmayad[ao]"
    r"|todo normal|todo bien)\b"
)
_CHEST_KINDS = re.compile(r"\belefante\b,?(?: [\w,]+){0,3} (?:en|sobre) el pecho\b")
_NOT_CHEST_KINDS = re.compile(
    r"\b(?:en|del) (?:19|20)\d\d\b|\btodo bien\b|\bq(?:ue)? tuve en\b"
    r"|\bcorazon de (?:dejar|ver|pensar|saber|verl\w*)\b|\ben el (?:19|20)\d\d\b|\bde nervios\b"
    r"|\b(?:padre|madre|papa|mama|abuel\w*|tio|tia|herman\w*)\b,?(?: [\w,]+){0,3} (?:tuvo|le dio)"
    r" (?:un )?infarto\b"
)
_ALLERGIC_KINDS = re.compile(
    r"\bcerrando (?:algo|la garganta)\b|\b(?:boca|labios?|lengua) hinchad[ao]s?\b"
)
_NOT_ALLERGIC_KINDS = re.compile(
    r"\bpolen\b|\bcada primavera\b|\balergia estacional\b"
    # breathless on exertion, told as a long-standing symptom ("me falta el aire subiendo la
    # escalera" since covid)
    r"|\b(?:me falta|falta de|me quedo sin) (?:el )?aire (?:\w+ ){0,2}(?:subiendo|al subir"
    r"|caminando|al caminar|corriendo|haciendo ejercicio|con el esfuerzo|cuando subo"
    r"|cuando camino)\b"
)
_YELLOW_KINDS = re.compile(
    r"\bse (?:me |le )?(?:ha )?puesto amarill\w*|\bojos\b,?(?: [\w,]+){0,6} amarill\w*"
)
_NOT_YELLOW_KINDS = re.compile(
    r"\b(?:al nacer|neonatal|recien nacid[oa]|capsulas?|pastillas? (?:son|es) amarill\w*)\b"
    r"|\bya se (?:le |me )?paso\b|\b(?:si|puede|podria|causa|causar)\b"
    r"|\bnacio con\b|\bya esta bien\b|\bcosas de bebes\b"
)
_SEIZURE_KINDS = re.compile(
    r"\bespuma (?:en|por) la boca\b|\b(?:le dio|me dio|tuve|tuvo|ha tenido|he tenido) una crisis\b"
    r"(?=.*\b(?:epilep\w*|tembl\w*|convuls\w*|no para|minutos|ojos)\b)"
    r"|\b(?:epilep\w*|convuls\w*)\b.{0,80}\b(?:le dio|me dio|tuve|tuvo|ha tenido|he tenido)"
    r" una crisis\b"
)
_NOT_SEIZURE_KINDS = re.compile(r"\b(?:documental|ansiedad|panico|nervios)\b")
_PREGNANT_KINDS = re.compile(r"\bdos rayitas\b|\bprueba\b,?(?: [\w,]+){0,3} embarazada\b")
_NOT_PREGNANT_KINDS = re.compile(
    r"\bembarazada \? no\b|\bquiero tener\b|\bsi (?:me )?quedo\b"
    r"|\bembarazada de (?:ideas|proyectos|ilusion\w*|sueños|planes)\b"
)
_OTHER_KINDS = re.compile(
    r"\bel peor de mi vida\b|\bsangr\w* (?:mucho|muchisimo|sin parar)\b|\bno para de sangrar\b"
    r"|\bcabeza\b,?(?: [\w,]+){0,6} (?:confundid[oa]|vomit\w*|desorientad[oa])\b"
)
_CO_USE_KINDS = re.compile(
    r"\b(?:despues|luego) (?:el|la|mi) \w+\b|\banoche\b|\besta manana\b|\bhace \d+ min\w*\b"
    r"|\bsin darnos cuenta\b|\bcomo siempre\b|\bde hoy\b|\bhoy tome\b|\bayer\b"
    # an opioid coming while LDN goes on: "me daran morfina, sigo tomando ldn"
    r"|\b(?:me daran|me van a dar|me pondran|me van a poner)\b(?=.*\bsigo (?:tomando|con)\b)"
)
_CO_USE_NOT = re.compile(
    r"\b(?:puedo|podria|deberia|antes de empezar|hace \d+ (?:semanas|meses)|me lo quitaron"
    r"|termine|deje|desde entonces|cuando empiece|luz verde|dejado|quitaron)\b"
    r"|\bsi (?:tomo|puedo|empiezo|me (?:dan|recetan|toca)|la tomo|lo tomo|tomara|tomase)\b"
)
_NOT_SWALLOWED_KINDS = re.compile(
    r"\bno (?:lo|la) abrio\b|\btapa de seguridad\b|\bdonde (?:guardais|guardan|guardas)\b"
    r"|\bsolo agua\b|\b(?:noticiero|noticias|telediario)\b"
    # a child on LDN of their own who was given an opioid: the opioid concern, not a swallowing
    rf"|\b{_CHILD}\b (?:\w+ )?(?:toma|esta con|usa|lleva) (?:la )?(?:ldn|naltrexona)\b"
    r"(?=.*\b(?:le|les) (?:dieron|recetaron|han dado|han recetado|pusieron) (?:\w+ )?(?:"
    + _OPIOID.pattern[5:-3]
    + r")\b)"
)
_CHILD_KINDS = re.compile(
    rf"\b(?:{_CHILD}|la mas chica|el mas chico)\b(?: [\w.,]+){{0,10}}? (?:se tomo|chupando"
    r"|se ha tragado|ha tragado|trago) (?:\w+ ){0,2}(?:capsula\w*|liquido|ldn|polvo|jeringa\w*)\b"
    r"|\b(?:jeringa|jeringuilla)\b(?: [\w.,]+){0,8} se (?:la|lo) ha metido en la boca\b"
)
_PET_KINDS = re.compile(
    rf"\b{_PET}\b(?: [\w.,]+){{0,10}}? (?<!no )(?<!sin )(?:lamiendo|lamio|lamiendolo)\b"
)


# a newborn's jaundice, long passed; a seizure in a documentary
_NEWBORN = re.compile(r"\b(?:al nacer|nacio con|cosas de bebes|recien nacid[oa])\b")
_NAMED_OR_SHOWN = re.compile(_NAMED.pattern + r"|\bdocumental\w*")


def _symptom(pattern: re.Pattern[str], unless: re.Pattern[str] | None = None) -> Detector:
    def detect(text: str) -> bool:
        for m in pattern.finditer(text):
            around = sentence(text, *m.span())
            if unless is not None and unless.search(around):
                continue
            if not GRAMMAR.negated(text, m.start()) and not GRAMMAR.history.search(around):
                return True
        return False

    return detect


def _opioid_co_use_more(text: str) -> bool:
    if not (_OPIOID.search(text) and _LDN.search(text)) or _CO_USE_NOT.search(text):
        return False
    if _SOMEONE_ELSE.search(text) and not re.search(r"\b(?:le dimos|le di)\b", text):
        return False
    return any(not GRAMMAR.negated(text, m.start()) for m in _CO_USE_KINDS.finditer(text))


def _withdrawal_more(text: str) -> bool:
    if not (_OPIOID.search(text) and _LDN.search(text)) or _CO_USE_NOT.search(text):
        return False
    signs = {m.group(0) for m in _WITHDRAWAL_SIGNS.finditer(text)}
    return len(signs) >= 2


def _unless(detect: Detector, pattern: re.Pattern[str]) -> Detector:
    return lambda text: not pattern.search(text) and detect(text)


_NOT_CO_USE = re.compile(
    r"\b(?:me lo quitaron|me la quitaron|termine|desde entonces|luz verde)\b"
    r"|\bmi (?:cunad[oa]|vecin[oa]|amig[oa]|tio|tia|primo|prima)\b,?(?: [\w,]+){0,2} (?:toma"
    r"|esta con)\b"
    r"|\bme cambio el\b|\bespere \d+ dias\b|\bme ofrecieron\b"
    r"|\bsin (?:codeina|tramadol|morfina|opioides?)\b"
)


# The look-alikes' kinds added to the exceptions: a faint in a series or long cleared, a
# father's heart attack in 2015, a heart that aches "to see", pollen every spring.
_NOT_FAINTING = re.compile(_NOT_FAINTING.pattern + "|" + _NOT_FAINTING_KINDS.pattern)
_NOT_CHEST = re.compile(_NOT_CHEST.pattern + "|" + _NOT_CHEST_KINDS.pattern)
_NOT_ALLERGIC = re.compile(_NOT_ALLERGIC.pattern + "|" + _NOT_ALLERGIC_KINDS.pattern)


RULES = LanguageRules(
    code="es",
    grammar=GRAMMAR,
    help_wrapper=_HELP_WRAPPER,
    replacements=_REPLACEMENTS,
    detectors=(
        ("suicidal", _any(_suicidal_said, _last_arrangements, _suicidal_more)),
        (
            "child-ingestion",
            _unless(
                _any(
                    _swallowed(_CHILD_SWALLOWED),
                    _played_and_drowsy,
                    _given_by_mistake(_CHILD),
                    _symptom(_CHILD_KINDS),
                ),
                _NOT_SWALLOWED_KINDS,
            ),
        ),
        (
            "pet-ingestion",
            _any(_swallowed(_PET_SWALLOWED), _given_by_mistake(_PET), _symptom(_PET_KINDS)),
        ),
        ("opioid-withdrawal", _any(_opioid_withdrawal, _withdrawal_more)),
        ("overdose", _unless(_any(_overdose, _overdose_more), _NOT_AN_OVERDOSE)),
        (
            "seizure",
            _any(
                rules_detector(GRAMMAR, [Rule("seizure", _SEIZURE, unless=_NAMED_OR_SHOWN)]),
                _symptom(_SEIZURE_KINDS, _NOT_SEIZURE_KINDS),
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
            _any(
                rules_detector(
                    GRAMMAR, [Rule("allergic-reaction", _ALLERGIC, unless=_NOT_ALLERGIC)]
                ),
                _symptom(_ALLERGIC_KINDS, _NOT_ALLERGIC),
            ),
        ),
        (
            "fainting",
            _any(
                rules_detector(GRAMMAR, [Rule("fainting", _FAINTING, unless=_NOT_FAINTING)]),
                _nearly_fainted_badly,
                _symptom(_FAINTING_KINDS, _NOT_FAINTING),
            ),
        ),
        (
            "jaundice",
            _unless(_any(_jaundice, _symptom(_YELLOW_KINDS, _NOT_YELLOW_KINDS)), _NEWBORN),
        ),
        (
            "other-emergency",
            _any(
                rules_detector(
                    GRAMMAR,
                    [
                        Rule("other-emergency", _OTHER, unless=_EXERTION),
                        Rule("other-emergency", _HEAD_BLEEDING, requires=_FALL_OR_BLOW),
                    ],
                ),
                _symptom(_OTHER_KINDS),
            ),
        ),
        ("opioid-co-use", _unless(_any(_opioid_co_use, _opioid_co_use_more), _NOT_CO_USE)),
        (
            "pregnancy",
            _unless(_any(_pregnancy, _symptom(_PREGNANT_KINDS)), _NOT_PREGNANT_KINDS),
        ),
    ),
)
rules_triage = RULES.triage


# ------------------------------------------------------------------ the semantic net's gate

# What the triage's semantic net may read (see `faq.triage.NetGate`): not a question that names
# nobody ("¿puede la LDN causar convulsiones?"), not an explicit denial ("no tengo dolor en el
# pecho"); and who or what a concern needs named.
_NET_GENERAL_QUESTION = re.compile(
    r"^[ ,]*(?:que|como|por que|porque|para que|cual\w*|cuando|cuant[oa]s?|donde|quien\w*"
    r"|puede\w*|podria\w*|se puede|es|son|esta|estan|hay|sirve|conviene|existe\w*)\b"
)
_NET_SOMEONE = re.compile(
    r"\b(?:yo|me|mi|mis|conmigo|nos|nosotr[oa]s|nuestr[oa]s?|puedo|tengo|estoy|tome|tomo|siento"
    r"|debo|he|llevo|ella|ellos|ellas|usted)\b"
    rf"|\b(?:{_CHILD}|{_PET}|marido|mujer|esposo|esposa|pareja|novi[oa]|madre|padre|mama|papa)\b"
)
_NET_DENIAL = re.compile(
    # wanting to understand how it works ("quisiera entender que hace la naltrexona ... para
    # explicarselo a mi madre que tiene 81 anos")
    r"\b(?:entender|saber|explicar\w*) (?:\w+ ){0,3}(?:que hace|como funciona|como actua"
    r"|el mecanismo|los mecanismos)\b|"
    # stopping the medicine ("quiero parar la ldn, la dejo de golpe o hay que ir bajando?")
    r"\b(?:parar|dejar|suspender|quitar\w*|dejarla|pararla)(?: \w+){0,2} (?:la ldn|la naltrexona"
    r"|el tratamiento|la medicacion|las capsulas|las pastillas)\b"
    r"(?!.*\b(?:todas|todo el bote|de una vez|juntas|el frasco)\b)|"
    r"\bno (?:soy|estoy|me siento) (?:\w+ )?suicida\b|\bno (?:pienso|estoy pensando) en"
    r" (?:matarme|suicid\w*|quitarme la vida)\b|\bno (?:me voy|voy) a hacer(?:me)? (?:dano|nada)\b"
    r"|\b(?:no|nunca|ni|sin|jamas|tampoco)(?: \w+){0,3} (?:desmay\w*|desmallo|convulsi\w*"
    r"|dolor (?:de|en el) pecho|urticaria|ronchas|hinchaz\w*|hinchad[oa]s?|sarpullido"
    r"|embaraz\w*|suicid\w*|sobredosis|amarill\w*|abstinencia|problemas para respirar)\b"
    # someone in a forum or a group tells of it; what a nurse sees at work; a series or the news
    # a question sent twice: "perdón por preguntar dos veces"
    r"|\b(?:preguntar|pregunte|preguntado|escribir|escribi|mandar|mande) (?:\w+ )?dos veces\b"
    r"|\bmensaje (?:doble|repetido)\b"
    r"|\b(?:en|de) (?:una |la |un |el )?(?:serie|pelicula|peli|documental|noticiero|noticias"
    r"|telediario|novela|tiktok|youtube|instagram|reels?|video)\b"
    r"|\b(?:en|de) (?:un|una|el|la) (?:foro|grupo|chat)\b(?: \w+){0,3} (?:alguien|uno|una|gente)\b"
    r"|\b(?:uno|una|alguien|gente|un senor|una senora) (?:\w+ )?(?:del|en el|de un|en un|de el)"
    r" (?:foro|grupo)\b|\bve (?:\w+ ){0,2}(?:convulsiones|desmayos|sobredosis|infartos|casos)\b"
    # a dose missed, or the one usual dose; pressure at work
    r"|\bno me (?:he tomado|tome) (?:la|mi) (?:\w+ )?(?:pastilla|capsula|dosis|ldn)\b"
    r"|\b(?:una sola|solo una|una nada mas)\b"
    # the day's one dose, taken ("ya me he tomado la de hoy 👍")
    r"|\bya me (?:he tomado|tome) (?:la|mi) (?:dosis |pastilla |capsula )?de (?:hoy|esta noche"
    r"|la noche)\b(?!.*\b(?:otra|otras|luego|tambien|de nuevo|dos|doble|mas|despues)\b)"
    r"|\bpresion (?:en|del|por) (?:el |la )?(?:laburo"
    r"|trabajo|curro|oficina|chamba)\b"
    # a question for some day ("si alguna vez me tomo una de mas"); last week bad, well now
    r"|\b(?:si alguna vez|si algun dia|por si acaso|por si algun dia)\b"
    r"|\b(?:la semana pasada|el mes pasado|hace (?:\w+ )?(?:dias|semanas|meses|un mes|anos?))\b"
    r".*\b(?:ya|ahora) (?:estoy|me siento|me encuentro) (?:\w+ )?(?:mejor|bien)\b"
)
# Whether an opioid and LDN go together, or how long before LDN to stop one, asked with nothing
# taken together and no withdrawal told ("mi papa toma oxicodona, se la puede combinar con la
# ldn"): the FAQ's opioid answer, not a report (see `faq.triage.NetGate.combining_asked`).
_NET_COMBINING_ASKED = re.compile(
    # an opioid and LDN named with nobody and nothing taken ("codeina en el jarabe de la tos y
    # ldn"), or asked whether they go together
    r"^(?!.*\b(?:tome|me tome|he tomado|me he tomado|tomo|toma|tomando|uso|usando|acabo de"
    r"|anoche|hace|yo|me|mi|mis|mio|mia|le|su|sus|nos|ella|ellos|ellas)\b)"
    rf"(?!.*(?:{_WITHDRAWAL.pattern}|{_WITHDRAWAL_SIGNS.pattern}))"
    rf"(?=.*{_OPIOID.pattern})(?=.*\b(?:ldn|naltrexona)\b)"
    r"|^(?!.*\b(?:tome|me tome|he tomado|me he tomado|tomamos|acabo de|acaba de|anoche|esta noche"
    r"|hace (?:un|una|media|\d+|dos|tres) (?:\w+ )?(?:hora|horas|rato|minutos)|junto con|juntas"
    r"|empece|empeze|ya tomo|ya estoy|me dieron|le dieron|me pusieron|le pusieron)\b)"
    rf"(?!.*(?:{_WITHDRAWAL.pattern}|{_WITHDRAWAL_SIGNS.pattern}))"
    rf"(?=.*{_OPIOID.pattern})"
    r".*\b(?:se (?:\w+ )?(?:puede|pueden|podria) (?:combinar|mezclar|juntar|tomar)|es compatible"
    r"|son compatibles|(?:puedo|puede|podria|podemos|pueden) (?:\w+ )?(?:tomar|empezar|arrancar"
    r"|comenzar|usar|combinar|mezclar|iniciar)|cuanto (?:tiempo )?antes|antes de (?:empezar"
    r"|arrancar|comenzar|iniciar)|(?:tengo|tiene|hay) que dejar\w*|interaccion\w*|interactua\w*)\b"
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
        ldn=r"ldn|naltrexona|(?:mi|la) (?:\w+ )?dosis",
        child=_CHILD,
        pet=_PET,
        pregnancy=re.compile(
            r"\b(?:embaraz\w*|encinta|en estado|prenad\w*|positiv\w*|bebe|esperando|gestacion"
            r"|estoy de (?:\w+ )?(?:semanas|meses))\b"
        ),
    ),
)
