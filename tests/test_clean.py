from __future__ import annotations

import json
import re

import pytest
from conftest import SHARED, require

import newsfuse
from newsfuse.clean import clean, repeats
from newsfuse.clean import rules as r
from newsfuse.clean.tokens import tokenised
from newsfuse.model import Article

BODY = "The harbour authority said the ferry would resume service on Tuesday morning."


def test_repair_encoding() -> None:
    kept, removed = r.repair_encoding(["The minister\u00e2\u20ac\u2122s caf\u00c3\u00a9 visit."])
    assert kept == ["The minister’s café visit."]
    assert removed


TOKENISED = (
    "The ferry 's 40 - year - old captain said the crossing , which took 2 . 5 hours - a record - "
    "was calm .\n"
    "`` We did n't expect 1 , 200 passengers , '' he said at 4 : 30 p . m . on Tuesday ."
)


def test_detokenise_joins_tokenised_text() -> None:
    kept, removed = r.detokenise([TOKENISED])
    assert kept == [
        "The ferry's 40-year-old captain said the crossing, which took 2.5 hours - a record - was "
        "calm.\n"
        '"We didn\'t expect 1,200 passengers," he said at 4:30 p.m. on Tuesday.'
    ]
    assert removed == []


def test_detokenise_leaves_printed_text_alone() -> None:
    printed = ["The ferry's captain said the crossing, which took 2.5 hours, was calm."]
    assert r.detokenise(printed) == (printed, [])
    # One stray space before a comma is a typo, not tokenised text.
    typo = ["Divers reached the hull , at noon. The harbour reopened on Tuesday, officials said."]
    assert r.detokenise(typo) == (typo, [])


def test_tokenised_shared_corpus_is_detected() -> None:
    """ECB+ ships tokenised text; the other shared sets are printed text."""
    ecb_path = require(SHARED / "clusters" / "ecbplus.jsonl")
    with open(ecb_path, encoding="utf-8") as handle:
        ecb = [json.loads(line)["text"] for line in handle]
    with open(require(SHARED / "duc2003" / "task2.jsonl"), encoding="utf-8") as handle:
        duc = [d["text"] for line in handle for d in json.loads(line)["documents"]]
    assert sum(map(tokenised, ecb)) / len(ecb) > 0.95
    assert not any(map(tokenised, duc))


@pytest.mark.parametrize(
    "marker",
    [
        "ADVERTISEMENT",
        "COMMERCIAL BREAK",
        "SCROLL TO CONTINUE READING",
        "Continue reading below",
        "Story continues below advertisement",
        "SPONSORED CONTENT",
    ],
)
def test_ad_marker(marker: str) -> None:
    kept, removed = r.ad_marker([BODY, marker, BODY + " Again."])
    assert removed == [marker] and len(kept) == 2


def test_ad_marker_keeps_prose_and_acronym_sentences() -> None:
    prose = ["NATO said on Monday that the drills would go ahead.", "'Low point' of ties"]
    assert r.ad_marker(prose) == (prose, [])


@pytest.mark.parametrize(
    "caption",
    [
        "Officials greet each other at the guesthouse on Monday. Photo: AP Photo",
        "Rescue crews at the pier\nCrews worked through the night. Picture: PA",
        "A lifeboat returns to port on Saturday. (Photo/Harbour News)",
        "It was hoped the meeting could pave the way for talks (Pool via AP)",
        "Divers search the wreck on Sunday. (AP Photo/Jane Doe)",
        "The new terminal building. Image: Getty Images",
    ],
)
def test_caption(caption: str) -> None:
    kept, removed = r.caption([BODY, caption, BODY])
    assert kept == [BODY, BODY] and removed == [caption]


def test_caption_takes_its_title_and_bare_credit_takes_its_caption() -> None:
    kept, removed = r.caption([BODY, "Storm damage", "Roofs torn off. Photo: AFP", BODY])
    assert kept == [BODY, BODY] and removed == ["Storm damage", "Roofs torn off. Photo: AFP"]
    kept, removed = r.caption([BODY, "Lifeboats beside the ship.", "Photo: Coast Images", BODY])
    assert kept == [BODY, BODY] and len(removed) == 2


def test_caption_keeps_text_mentioning_photos() -> None:
    text = "The photo, taken by a passenger, shows the ship listing: it went viral."
    assert r.caption([text]) == ([text], [])


def test_related_links_with_heading() -> None:
    tail = [
        "Latest World News",
        "See more Latest World News",
        "Storm damaged home",
        "Tornadoes kill four people in Oklahoma",
        "Israeli tanks",
        "Ceasefire talks resume",
    ]
    kept, removed = r.related_links([BODY, BODY, *tail])
    assert kept == [BODY, BODY] and removed == tail


def test_related_links_without_heading_needs_a_run() -> None:
    run = ["Dam bursts in valley", "Flooded road", "Rail strike ends", "Cup final tonight"]
    assert r.related_links([BODY, *run]) == ([BODY], run)
    # One short closing line is a sign-off, not a link list.
    assert r.related_links([BODY, "Reporting from Oslo"]) == ([BODY, "Reporting from Oslo"], [])


@pytest.mark.parametrize(
    "credit",
    [
        "By Press Association",
        "Source: TRT",
        "By Jane Smith and Tom Brown",
        "Reporting by Ana Lind",
        "© 2024 Example Media",
        "(AP)",
    ],
)
def test_byline_near_edges(credit: str) -> None:
    assert r.byline([BODY, BODY, BODY, BODY, credit]) == ([BODY] * 4, [credit])
    assert r.byline([credit, BODY, BODY, BODY, BODY]) == ([BODY] * 4, [credit])


def test_byline_leaves_the_middle_and_prose() -> None:
    middle = [BODY] * 3 + ["By Jane Smith"] + [BODY] * 3
    assert r.byline(middle) == (middle, [])
    prose = "By Tuesday the ferry was back in service."
    assert r.byline([prose, BODY]) == ([prose, BODY], [])


@pytest.mark.parametrize(
    "stub",
    ["More to follow ...", "More to follow.", "Developing story", "This story will be updated."],
)
def test_stub(stub: str) -> None:
    assert r.stub([BODY, stub]) == ([BODY], [stub])


def test_duplicate_paragraph() -> None:
    assert repeats.duplicate_paragraph([BODY, "Other text here.", BODY]) == (
        [BODY, "Other text here."],
        [BODY],
    )


def test_duplicate_sentence_keeps_the_longer_wording() -> None:
    short = "The mayor is the first official to visit the island since the storm."
    long = "The mayor is the first official to visit the island since the storm, and the last."
    kept, removed = repeats.duplicate_sentence([short, BODY, long])
    assert kept == [BODY, long] and removed == [short]


def test_duplicate_sentence_keeps_a_sentence_about_someone_else() -> None:
    # One word apart, but that word says who: two facts, not one printed twice.
    first = "He voted for the bill that would close the old harbour pier to traffic."
    second = "Ames voted for the bill that would close the old harbour pier to traffic."
    assert repeats.duplicate_sentence([first, BODY, second]) == ([first, BODY, second], [])
    again = "He voted for the bill that would close the old harbour pier to traffic, too."
    assert repeats.duplicate_sentence([first, again])[1] == [first]
    other = "The senator voted for the bill that would close the old harbour pier; he is sure."
    assert repeats.duplicate_sentence([first, other])[1] == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("(BEIJING) — U.S. officials met on Monday.", "BEIJING"),
        ("Beijing: US officials met on Monday.", "Beijing"),
        ("LONDON (Reuters) - Officials met on Monday.", "LONDON"),
        ("PORT KESSEL, March 14 (MPA) — Officials met.", "PORT KESSEL"),
        # Newswire archives print the dash as an underscore, after a region or none.
        ("VELLMAR, North Arden (AP) _ Officials met on Monday.", "VELLMAR"),
        ("PORT-AU-VELL, Kessia _ Officials met on Monday.", "PORT-AU-VELL"),
    ],
)
def test_dateline(text: str, place: str) -> None:
    assert r.find_dateline(text) is not None
    kept, removed = r.dateline([text, BODY])
    assert kept[0].split()[0] in {"U.S.", "US", "Officials"} and len(removed) == 1
    assert clean(Article(id="x", text=text)).place == place


def test_dateline_does_not_take_ordinary_openings() -> None:
    for text in ["Taiwan, the island, said on Monday.", "It was a long day: talks ran late."]:
        assert r.find_dateline(text) is None


def test_archive_codes_leave_the_story() -> None:
    kept, removed = r.archive_codes(
        [
            "&UR; Eds: the council vote, 3rd graf",
            "The council met in Vell on Monday. &UR; &LR; The mayor left early.",
            "The vote was set for March. The mayor, 5th graf pvs. &UR; (kl-dp)",
            "&QL; VEL-10-18-98 1807EDT &QL;",
            "Pupils of the 3rd grade sang.",
        ]
    )
    assert kept == [
        "The council met in Vell on Monday. The mayor left early.",
        "The vote was set for March.",
        "Pupils of the 3rd grade sang.",
    ]
    assert {"The mayor, 5th graf pvs.", "&UR; (kl-dp)"} <= set(removed)


def test_repeated_words() -> None:
    assert repeats.repeated_words(["on the second and second and final day"]) == (
        ["on the second and final day"],
        ["second and"],
    )
    assert repeats.repeated_words(["it had had an effect"])[1] == []
    # A writer's "X and X" is said for stress: quoted words are printed as spoken.
    stress = "the end of the regime and thousands and thousands of people would die"
    assert repeats.repeated_words([stress]) == ([stress], [])


def test_clean_records_removals_in_order() -> None:
    text = f"{BODY}\n\nADVERTISEMENT\n\nDivers reached the hull at noon.\n\nMore to follow ..."
    article = clean(Article(id="x", text=text))
    assert [x.rule for x in article.removed] == ["ad_marker", "stub"]
    assert "ADVERTISEMENT" not in article.text and "More to follow" not in article.text


# Every kind of noise in the seeds, as a pattern that must not survive cleaning.
SEED_NOISE = [
    r"Photo: AP Photo",
    r"Photo: AFP",
    r"Picture: PA",
    r"\(Photo/TRT\)",
    r"\(Pool via AP\)",
    r"COMMERCIAL BREAK",
    r"SCROLL TO CONTINUE READING",
    r"Latest World News",
    r"See more",
    r"Tornadoes kill",
    r"Pope urges",
    r"Gaza protesters",
    r"More to follow",
    r"Source: TRT",
    r"By Press Association",
    r"Anthony Blinken and Wang Yi",
    r"second and second",
    r"^\(BEIJING\)",
    r"^Beijing:",
]


def test_seeds_are_clean(seed_articles: list) -> None:  # type: ignore[type-arg]
    for article in seed_articles:
        cleaned = clean(article)
        for pattern in SEED_NOISE:
            assert not re.search(pattern, cleaned.text, re.M), (article.id, pattern)
        # The lede printed twice in 001 survives once.
        lede = "Chinese President Xi Jinping met with US Secretary of State"
        assert cleaned.text.count(lede) <= 1
    removed = {a.id[:3]: {x.rule for x in clean(a).removed} for a in seed_articles}
    assert {"caption", "stub"} <= removed["000"]
    assert {"caption", "byline"} <= removed["001"]
    assert {"ad_marker", "dateline"} <= removed["002"]
    assert {"caption", "related_links", "byline", "repeated_words"} <= removed["004"]


def test_seeds_keep_their_body(seed_articles: list) -> None:  # type: ignore[type-arg]
    for article in seed_articles:
        cleaned = clean(article)
        # Cleaning takes noise, not the story: most words stay (004 loses its link list).
        assert cleaned.words >= 0.65 * article.words, article.id
        assert "Blinken" in cleaned.text


def test_inline_caption_takes_the_caption_sentence_and_credit() -> None:
    caption = (
        "Rescued passengers wait on the quay at Port Kessel, March 14, 2026. REUTERS/Ilse Varga"
    )
    text = f"The ferry ran aground. {caption} \u201cWe were lucky,\u201d one said."
    kept, removed = r.inline_caption([text, "Slideshow (3 Images) The inquiry opened."])
    assert kept == [
        "The ferry ran aground. \u201cWe were lucky,\u201d one said.",
        "The inquiry opened.",
    ]
    assert removed == [caption, "Slideshow (3 Images)"]


def test_inline_caption_keeps_slashes_in_text() -> None:
    text = "The vote was 52/48. BBC/Reuters reported it. He joined AP/Ipsos polling."
    assert r.inline_caption([text, "BBC/Reuters reported it."]) == (
        [text, "BBC/Reuters reported it."],
        [],
    )


def test_inline_caption_takes_caption_lines_inside_a_block() -> None:
    caption = "Divers search the hull off Port Kessel. (Ilse Varga, File/Associated Press)"
    block = f"The ferry ran aground.\n{caption}\nKESSEL \u2014 Divers returned on Sunday."
    kept, removed = r.inline_caption([block, "Rules are set (and/or) changed by the board.\nNo."])
    assert kept == [
        "The ferry ran aground.\nKESSEL \u2014 Divers returned on Sunday.",
        "Rules are set (and/or) changed by the board.\nNo.",
    ]
    assert removed == [caption]


def test_legal_notice_closing_the_page() -> None:
    body = "The ferry ran aground.\nDivers returned on Sunday."
    notice = [
        "___",
        "Information from: Kessel Courier, http://www.example.org",
        "Copyright 2026 Meridian Press Agency. All rights reserved. This material may "
        "not be published, broadcast, rewritten or redistributed.",
    ]
    assert r.legal_notice([body, "\n".join(notice)]) == ([body], notice)
    transcript = [
        "Copyright \u00a9 2026 VBN. All rights reserved.",
        "VBN transcripts are created on a rush deadline and may be revised.",
    ]
    assert r.legal_notice([body + "\n" + "\n".join(transcript)]) == ([body], transcript)
    # A last line about copyright that is the story, or a notice followed by more story.
    story = [body, "Copyright lawyers for the ferry company declined to comment."]
    assert r.legal_notice(story) == (story, [])
    late = [body, "Copyright 2026 Example.", "Divers found the second anchor on Monday."]
    assert r.legal_notice(late) == (late, [])


LEAD = (
    "Rescuers pulled eleven people from the water off Port Alden on Monday after the ferry "
    "Merrow struck rocks in heavy fog, the harbour authority said."
)


def test_a_text_with_a_paragraph_per_line_is_split_at_its_lines() -> None:
    text = f"Ferry strikes rocks off Port Alden\n{LEAD}\nThe ferry was towed to port.\n{BODY}"
    article = clean(Article("a", text, title="Ferry strikes rocks off Port Alden"))
    assert article.text.split("\n\n") == [LEAD, "The ferry was towed to port.", BODY]
    assert [x.rule for x in article.removed] == ["title"]
    # A hard-wrapped text (short lines, no blank line) is one paragraph, its lines joined.
    wrapped = "The harbour authority said the ferry\nwould resume service on Tuesday\nmorning."
    assert clean(Article("b", wrapped)).text == BODY


def test_an_outlet_tag_opening_the_lead_is_removed() -> None:
    article = clean(Article("a", f"(NBC) {LEAD}\n\n{BODY}"))
    assert article.text.startswith("Rescuers pulled") and article.place is None
    assert [(x.rule, x.text) for x in article.removed] == [("dateline", "(NBC)")]


def test_a_short_paragraph_with_a_time_stamp_is_removed() -> None:
    top = "Ferry strikes rocks Updated: 2024-03-04 13:14 By Staff (Halm Daily)"
    article = clean(Article("a", f"{top}\n\n{LEAD}\n\n{BODY}"))
    assert article.text == f"{LEAD}\n\n{BODY}"
    # A stamp inside a long paragraph of prose is not furniture.
    long = f"{LEAD} The notice was updated: 2024-03-04 13:14 and read aloud to passengers."
    assert clean(Article("b", f"{long}\n\n{BODY}")).text.startswith("Rescuers")


def test_transcript_labels_and_bullets_go_the_words_stay() -> None:
    text = (
        "JANE MERROW, HOST:\n\nThe ferry struck rocks on Monday.\n\n"
        "TOM HALM, BYLINE: Eleven people were pulled from the water.\n\n"
        "MERROW: What happens next?\n\n• The ferry was towed to port."
    )
    article = clean(Article("a", text))
    assert article.text.split("\n\n") == [
        "The ferry struck rocks on Monday.",
        "Eleven people were pulled from the water.",
        "What happens next?",
        "The ferry was towed to port.",
    ]
    # One capitalised label is no transcript: "WARNING:" opening a line stays.
    assert clean(Article("b", f"WARNING: {BODY}")).text == f"WARNING: {BODY}"


def test_a_flattened_photo_gallery_is_removed() -> None:
    gallery = (
        "Photos: Storm in Port Alden A man walks past a fallen tree on Monday. Hide Caption 1 "
        "of 12 Photos: Storm in Port Alden Boats lie on the quay. Hide Caption 2 of 12"
    )
    assert clean(Article("a", f"{LEAD}\n\n{gallery}\n\n{BODY}")).text == f"{LEAD}\n\n{BODY}"


def test_a_flattened_video_playlist_item_is_removed() -> None:
    item = "Halm TV 3 of 12 Skip in Skip x Embed x Share CLOSE Storm hits Port Alden | 1:20"
    assert clean(Article("a", f"{LEAD}\n\n{item}\n\n{BODY}")).text == f"{LEAD}\n\n{BODY}"
    # Prose with the same words is no widget.
    prose = f"{LEAD} Readers may share the video or embed it in their own pages."
    assert clean(Article("b", f"{prose}\n\n{BODY}")).text == f"{prose}\n\n{BODY}"


def test_a_flattened_sign_up_form_goes() -> None:
    form = (
        "Newsletter Sign Up Continue reading the main story Get the River Valley Briefing. "
        "Please verify you're not a robot by clicking the box. Invalid email address. "
        "Please re-enter. Thank you for subscribing. An error has occurred. Please try again later."
    )
    story = "Volunteers filled sandbags beside the river bank on Monday. The water rose all day."
    # A story that mentions subscribers is no form: one sentence of two is about them.
    business = "The paper said it had 40,000 subscribers. Its owner plans to sell it in May."
    article = clean(Article(id="x", text=f"{story}\n\n{form}\n\n{business}"))
    assert article.paragraphs == [story, business]
    assert [r.rule for r in article.removed] == ["form_prompts"]


def test_a_link_list_glued_under_its_heading_in_capitals_goes() -> None:
    links = (
        "MOST READ IN NEWS FLOOD ALERT River Valley braces for a second storm "
        "BIG WIN Local baker takes the county prize SHOCK MOVE Mayor quits the council race"
    )
    story = "Volunteers filled sandbags beside the river bank on Monday. The water rose all day."
    later = "Most read in the valley, the weekly paper printed a flood map on its front page."
    article = clean(Article(id="x", text=f"{story}\n\n{links}\n\n{later}"))
    assert article.paragraphs == [story, later]


def test_tex_quotation_marks_become_curly_so_quotes_are_read() -> None:
    # Newswire archives print quotations ``like this''; every later stage reads real marks.
    article = Article("a", "``We will rebuild the bridge,'' Mayor Ana Ruiz said. It's 5 o'clock.")
    assert (
        clean(article).text == "“We will rebuild the bridge,” Mayor Ana Ruiz said. It's 5 o'clock."
    )
    (quote,) = newsfuse.brief([article]).quotes
    assert quote.speaker == "Ana Ruiz"
