"""A corpus of bad input, built on demand: every kind of file an input folder collects in production, each
with the status and a fragment of the reason it must get in `documents`."""
from __future__ import annotations

import json
from pathlib import Path

# source -> (status, fragment of the reason or None for no reason, a word its mentions must contain or None)
Expected = dict[str, tuple[str, str | None, str | None]]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + bytes(range(256))
FRENCH = ("Le gouvernement a signé hier à Dakar un accord de coopération maritime avec le Cap-Vert. Les deux pays "
          "organiseront des patrouilles communes l'année prochaine, selon le ministère de la Défense, qui a salué "
          "une étape importante pour la sécurité de la région et pour la pêche artisanale des deux côtés.")
HTML = ("<html><head><title>Gas deal</title><script>var tracker = 'pixel-analytics-42';</script>"
        "<style>body {color: red}</style></head><body><nav>Home | World | Sport | Weather</nav><article>"
        + "<p>The presidents of Bolivia and Paraguay signed a gas supply agreement in Asuncion on Thursday, "
          "officials said after the ceremony.</p>" * 3
        + "</article><footer>Contact us | Cookie settings</footer><script>loadAds();</script></body></html>")


# Long words keep a long text cheap to parse: the parser's cost follows the words, the pieces follow the characters.
_FILLER = ("notwithstanding", "interdepartmental", "reconsideration", "administratively", "correspondence",
           "harbourmasters", "recommendations", "infrastructure")


def long_article(chars: int, ending: str) -> str:
    """A text of about `chars` characters: a heading, paragraphs of filler, and `ending` as its last line."""
    paragraphs = []
    size = 0
    n = 0
    while size < chars - len(ending):
        words = [_FILLER[(n * 7 + i * 3) % len(_FILLER)] for i in range(60)]
        paragraphs.append(" ".join(words).capitalize() + ".")
        size += len(paragraphs[-1]) + 2
        n += 1
    return "Harbour records of the year\n\n" + "\n\n".join(paragraphs) + "\n\n" + ending


def build_bad_corpus(folder: Path) -> Expected:
    """Write the corpus into `folder`; return what each source must become."""
    folder.mkdir(parents=True, exist_ok=True)

    def put(name: str, data: bytes | str) -> None:
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    put("empty.txt", b"")
    put("blank.txt", b"  \n\t\n   \r\n")
    put("image.txt", PNG)  # a picture saved with a text suffix
    put("picture.png", PNG)
    put("zeros.txt", b"\x00" * 4096)
    put("stray_nul.txt", b"Mali and Niger agreed on Monday to reopen the border crossing at Gao,\x00 "
                         b"officials in Bamako said.\x00\n")
    put("utf16.txt", "Estonia and Latvia signed a railway agreement in Riga on February 14, 2022, the "
                     "transport ministry said.\n".encode("utf-16-le"))
    put("cp1252.txt", "\u201cWe will build the bridge together,\u201d said Minister Jonas Berg after Denmark and "
                      "Sweden signed the deal in Malmo on May 5, 2021.\n".encode("cp1252"))
    put("mojibake.txt", "Portugal\u2019s prime minister met the foreign minister of Spain in Lisbon on October 3, "
                        "2020 to discuss water rights.\n".encode("utf-8").decode("cp1252").encode("utf-8"))
    put("huge.txt", long_article(1_200_000, "Officials of Portugal and Spain met in Lisbon on Monday, July 7, 2025.\n"))
    with (folder / "dump.txt").open("wb") as dump:  # 500 MB on paper, nothing on disk: a file too large to read
        dump.truncate(500_000_000)
    put("page.html", HTML)
    put("french.txt", FRENCH)
    put("feed.jsonl", "\n".join([
        json.dumps({"id": "a", "text": "Vietnam and Laos opened a new power line in Vientiane on July 1, 2021."}),
        '{"id": "broken", "text": "never closed',
        json.dumps({"id": "b", "text": "Morocco and Tunisia agreed to expand direct flights between Rabat and Tunis."}),
    ]) + "\n")
    put("dated.txt", "Greece and Cyprus held talks on energy cooperation in Nicosia, the foreign ministry said.\n")
    put("dated.json", json.dumps({"published": "2023-02-30", "title": "Energy talks"}))
    return {
        "empty.txt": ("rejected", "empty document", None),
        "blank.txt": ("rejected", "empty document", None),
        "image.txt": ("rejected", "binary file (PNG image)", None),
        "picture.png": ("rejected", "unsupported file type '.png'", None),
        "zeros.txt": ("rejected", "NUL bytes", None),
        "stray_nul.txt": ("ok", None, "Mali"),
        "utf16.txt": ("ok", None, "Estonia"),
        "cp1252.txt": ("ok", None, "Denmark"),
        "mojibake.txt": ("ok", None, "Portugal"),
        "huge.txt": ("ok", None, "Portugal"),
        "dump.txt": ("rejected", "file too large to read", None),
        "page.html": ("ok", None, "Bolivia"),
        "french.txt": ("rejected", "language 'fr' is not supported", None),
        "feed.jsonl#a": ("ok", None, "Vietnam"),
        "feed.jsonl#L2": ("rejected", "line 2 is not valid JSON", None),
        "feed.jsonl#b": ("ok", None, "Morocco"),
        "dated.txt": ("ok", "'2023-02-30' is not a date", "Greece"),
    }
