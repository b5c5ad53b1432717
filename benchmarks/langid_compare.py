"""Compare offline language identifiers on short news sentences written for this project.

Run with whichever candidates are installed (py3langid is a dependency; the others only in a
scratch environment): ``python benchmarks/langid_compare.py``. Prints accuracy and the mean
time per text for each. The figures and the choice are in docs/decisions.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# (language, text): two to four sentences each, written for this benchmark in the style of
# conflict reporting, plus one-line headlines (the hard case).
SAMPLES: list[tuple[str, str]] = [
    ("en", "Russian forces shelled the town overnight, the regional governor said on Tuesday."),
    ("en", "Two civilians were wounded when a drone struck a bus station near the front line."),
    ("en", "Evacuation continues"),
    ("en", "The ministry said talks would resume next week, but gave no details about the agenda."),
    ("uk", "Російські війська вночі обстріляли місто, повідомив у вівторок голова обласної адміністрації."),
    ("uk", "Двоє цивільних отримали поранення, коли дрон влучив в автостанцію поблизу лінії фронту."),
    ("uk", "Бої під Покровськом тривають"),
    ("uk", "Олександр Сирський заявив, що ситуація на східному напрямку залишається складною."),
    ("ru", "Российские войска ночью обстреляли город, сообщил во вторник губернатор области."),
    ("ru", "Двое мирных жителей получили ранения, когда беспилотник попал в автовокзал у линии фронта."),
    ("ru", "Бои под Покровском продолжаются"),
    ("ru", "Министерство заявило, что переговоры возобновятся на следующей неделе."),
    ("fr", "Les forces russes ont bombardé la ville pendant la nuit, a déclaré mardi le gouverneur."),
    ("fr", "Deux civils ont été blessés lorsqu'un drone a frappé une gare routière près du front."),
    ("fr", "L'évacuation se poursuit"),
    ("de", "Russische Truppen haben die Stadt in der Nacht beschossen, sagte der Gouverneur am Dienstag."),
    ("de", "Zwei Zivilisten wurden verletzt, als eine Drohne einen Busbahnhof nahe der Front traf."),
    ("de", "Die Evakuierung geht weiter"),
    ("es", "Las fuerzas rusas bombardearon la ciudad durante la noche, dijo el gobernador el martes."),
    ("es", "Dos civiles resultaron heridos cuando un dron impactó en una estación de autobuses."),
    ("es", "Continúa la evacuación"),
    ("ar", "قصفت القوات الروسية المدينة ليلا، بحسب ما قال حاكم المنطقة يوم الثلاثاء."),
    ("ar", "أصيب مدنيان عندما ضربت طائرة مسيرة محطة حافلات قرب خط المواجهة."),
    ("pl", "Rosyjskie wojska ostrzelały miasto w nocy, poinformował we wtorek gubernator obwodu."),
    ("pl", "Dwóch cywilów zostało rannych, gdy dron uderzył w dworzec autobusowy w pobliżu frontu."),
]


def _py3langid() -> Callable[[str], str]:
    import py3langid

    return lambda t: str(py3langid.classify(t)[0])


def _lingua() -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder

    det = LanguageDetectorBuilder.from_all_languages().build()

    def f(t: str) -> str:
        lang = det.detect_language_of(t)
        return lang.iso_code_639_1.name.lower() if lang else "und"
    return f


def _langdetect() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    return lambda t: str(detect(t))


def _pycld2() -> Callable[[str], str]:
    import pycld2

    return lambda t: str(pycld2.detect(t)[2][0][1])


CANDIDATES = {"py3langid": _py3langid, "lingua": _lingua, "langdetect": _langdetect, "pycld2": _pycld2}


def main() -> None:
    for name, make in CANDIDATES.items():
        try:
            t0 = time.perf_counter()
            fn = make()
            fn("warm up the model")
            load = time.perf_counter() - t0
        except ImportError:
            print(f"{name}: not installed")
            continue
        t0 = time.perf_counter()
        wrong = [(lang, got, text[:30]) for lang, text in SAMPLES if (got := fn(text)) != lang]
        per_text = (time.perf_counter() - t0) / len(SAMPLES) * 1000
        ok = len(SAMPLES) - len(wrong)
        print(f"{name}: {ok}/{len(SAMPLES)} correct, {per_text:.2f} ms a text, load {load:.2f} s; wrong: {wrong}")


if __name__ == "__main__":
    main()
