"""The query functions: results a reader of the notebooks would check by hand."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pandas as pd
import pytest

import qantar

CORPUS = qantar.load_corpus()
QUANTITIES = sorted(CORPUS.figures.quantity.unique())
THEMES = list(CORPUS.claims.theme.cat.categories)
SOURCES = list(CORPUS.sources.source_id)
CLAIM_TYPES = list(CORPUS.claims.claim_type.cat.categories)


def test_public_api_is_exported() -> None:
    """Every public function of the package is in ``__all__`` and documented with an example."""
    for name in qantar.__all__:
        assert hasattr(qantar, name), name
    functions = {n: f for n, f in vars(qantar).items() if inspect.isfunction(f) and n[0] != "_"}
    assert set(functions) <= set(qantar.__all__)
    for name, func in functions.items():
        assert "Examples" in (func.__doc__ or "") or name in {"check", "exercises"}, name


# compare_reports, quantities, disagreements ------------------------------------------------


@pytest.mark.parametrize("quantity", QUANTITIES, ids=QUANTITIES)
def test_compare_reports_keeps_every_report_oldest_source_first(
    corpus: qantar.Corpus, quantity: str
) -> None:
    reports = qantar.compare_reports(corpus, quantity)
    rows = corpus.figures[corpus.figures.quantity == quantity]
    assert len(reports) == len(rows)
    assert sorted(reports.figure_id) == sorted(rows.figure_id)
    assert reports.published.is_monotonic_increasing
    assert reports.index.tolist() == list(range(len(reports)))
    by_id = rows.set_index("figure_id")
    for report in reports.itertuples():
        assert report.value == by_id.loc[report.figure_id, "value"]
        assert report.para == by_id.loc[report.figure_id, "para"]
        source = by_id.loc[report.figure_id, "source_id"]
        assert report.source == corpus.sources.set_index("source_id").short_name[source]


def test_compare_reports_columns(corpus: qantar.Corpus) -> None:
    reports = qantar.compare_reports(corpus, "troops_russia")
    assert list(reports.columns) == [
        "source",
        "published",
        "value",
        "qualifier",
        "unit",
        "as_of",
        "attributed_to",
        "subject",
        "figure_id",
        "para",
    ]
    assert reports.published.dtype == "datetime64[ns]"


def test_compare_reports_never_merges_disagreeing_values(corpus: qantar.Corpus) -> None:
    reports = qantar.compare_reports(corpus, "csto_founded")
    assert set(reports.value.astype(int)) == {1992, 2002}
    assert len(reports) == (corpus.figures.quantity == "csto_founded").sum() >= 3
    assert reports.source.nunique() >= 2


def test_quantities_counts_every_figure(corpus: qantar.Corpus) -> None:
    table = qantar.quantities(corpus)
    assert table.index.tolist() == QUANTITIES
    assert table.reports.sum() == len(corpus.figures)
    assert (table.lowest <= table.highest).all()
    assert (table.sources <= table.reports).all()
    single = table[table.sources == 1]
    assert not single.sources_disagree.any()


def test_disagreements_are_quantities_with_different_reports(corpus: qantar.Corpus) -> None:
    table = qantar.disagreements(corpus)
    assert {"csto_founded", "troops_armenia"} <= set(table.index)
    for quantity, row in table.iterrows():
        reports = qantar.compare_reports(corpus, str(quantity))
        assert reports.value.nunique() > 1
        assert row.sources > 1
    agreeing = set(QUANTITIES) - set(table.index)
    for quantity in agreeing:
        reports = qantar.compare_reports(corpus, quantity)
        assert reports.value.nunique() == 1 or reports.source.nunique() == 1


def test_report_spread_measures_the_gap(corpus: qantar.Corpus) -> None:
    table = qantar.report_spread(corpus)
    assert set(table.index) == set(qantar.disagreements(corpus).index)
    assert (table.difference == table.highest - table.lowest).all()
    ratios = table.ratio.dropna()
    assert (ratios == table.highest[ratios.index] / table.lowest[ratios.index]).all()
    assert ratios.is_monotonic_decreasing
    assert pd.isna(table.loc["csto_founded", "ratio"])  # years are not divided


# claims_for, coverage, hedge_profile --------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES, ids=THEMES)
def test_claims_for_theme(corpus: qantar.Corpus, theme: str) -> None:
    claims = corpus.claims
    main_only = qantar.claims_for(corpus, theme=theme, include_other_themes=False)
    assert (main_only.theme == theme).all()
    assert len(main_only) == (claims.theme == theme).sum()
    wider = qantar.claims_for(corpus, theme=theme)
    expected = claims[(claims.theme == theme) | claims.other_themes.map(lambda t: theme in t)]
    assert wider.claim_id.tolist() == expected.claim_id.tolist()


@pytest.mark.parametrize("source", SOURCES, ids=SOURCES)
def test_claims_for_source_by_id_or_short_name(corpus: qantar.Corpus, source: str) -> None:
    by_id = qantar.claims_for(corpus, source=source)
    short = corpus.sources.set_index("source_id").short_name[source]
    assert (by_id.source_id == source).all()
    assert len(by_id) == (corpus.claims.source_id == source).sum() >= 20
    for name in (short, short.lower(), f" {source.upper()} "):
        assert qantar.claims_for(corpus, source=name).claim_id.tolist() == by_id.claim_id.tolist()


@pytest.mark.parametrize("claim_type", CLAIM_TYPES, ids=CLAIM_TYPES)
def test_claims_for_claim_type(corpus: qantar.Corpus, claim_type: str) -> None:
    found = qantar.claims_for(corpus, claim_type=claim_type)
    assert (found.claim_type == claim_type).all()
    assert len(found) == (corpus.claims.claim_type == claim_type).sum()


def test_claims_for_actor_by_alias(corpus: qantar.Corpus) -> None:
    found = qantar.claims_for(corpus, actor="Massimov")
    assert len(found) > 0
    assert all(
        "masimov" in a or s == "masimov" for a, s in zip(found.actors, found.speaker, strict=True)
    )
    assert found.claim_id.tolist() == qantar.claims_for(corpus, actor="masimov").claim_id.tolist()


def test_claims_for_combines_filters(corpus: qantar.Corpus) -> None:
    both = qantar.claims_for(corpus, theme="russia_role", source="osw", claim_type="interpretation")
    one = qantar.claims_for(corpus, theme="russia_role")
    expected = one[(one.source_id == "osw") & (one.claim_type == "interpretation")]
    assert both.claim_id.tolist() == expected.claim_id.tolist()
    assert len(qantar.claims_for(corpus)) == len(corpus.claims)


def test_coverage_sums_to_the_number_of_claims(corpus: qantar.Corpus) -> None:
    table = qantar.coverage(corpus)
    assert table.to_numpy().sum() == len(corpus.claims)
    assert list(table.columns) == list(corpus.sources.short_name)
    assert list(table.index) == THEMES
    per_source = corpus.claims.groupby("source_id", observed=False).size()
    assert table.sum().tolist() == per_source[SOURCES].tolist()


def test_coverage_with_other_themes_counts_each_mention(corpus: qantar.Corpus) -> None:
    table = qantar.coverage(corpus, include_other_themes=True)
    mentions = len(corpus.claims) + corpus.claims.other_themes.map(len).sum()
    assert table.to_numpy().sum() == mentions


def test_hedge_profile_shares_and_counts(corpus: qantar.Corpus) -> None:
    shares = qantar.hedge_profile(corpus)
    assert shares.index.tolist() == list(corpus.sources.short_name)
    assert list(shares.columns) == list(corpus.claims.hedge.cat.categories)
    assert (shares.sum(axis=1).round(9) == 1).all()
    counts = qantar.hedge_profile(corpus, normalize=False)
    assert counts.to_numpy().sum() == len(corpus.claims)
    assert counts.loc["OSW"].sum() == (corpus.claims.source_id == "osw").sum()


# timeline -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [("2022-01-02", "2022-01-19"), ("2022-01-05", "2022-01-05"), ("1991-01-01", "2021-12-31")],
    ids=["2-19-january", "one-day", "background"],
)
def test_timeline_bounds_are_inclusive(corpus: qantar.Corpus, start: str, end: str) -> None:
    events = qantar.timeline(corpus, start, end)
    assert len(events) > 0
    last = events.end_date.fillna(events.date)
    assert (events.date <= pd.Timestamp(end)).all()
    assert (last >= pd.Timestamp(start)).all()
    spans = corpus.events.end_date.fillna(corpus.events.date)
    overlaps = (corpus.events.date <= pd.Timestamp(end)) & (spans >= pd.Timestamp(start))
    assert sorted(events.event_id) == sorted(corpus.events.event_id[overlaps])
    assert events.date.is_monotonic_increasing


def test_timeline_keeps_an_event_that_spans_the_window(corpus: qantar.Corpus) -> None:
    spanning = corpus.events[
        (corpus.events.date == pd.Timestamp("2022-01-02"))
        & (corpus.events.end_date == pd.Timestamp("2022-01-05"))
    ]
    assert len(spanning) > 0
    events = qantar.timeline(corpus, "2022-01-03", "2022-01-04")
    assert set(spanning.event_id) <= set(events.event_id)


def test_timeline_includes_events_on_both_bounds(corpus: qantar.Corpus) -> None:
    events = qantar.timeline(corpus, "2022-01-02", "2022-01-19")
    assert events.date.min() == pd.Timestamp("2022-01-02")
    assert events.date.max() == pd.Timestamp("2022-01-19")


def test_timeline_open_ended_and_by_type(corpus: qantar.Corpus) -> None:
    assert len(qantar.timeline(corpus)) == len(corpus.events)
    csto = qantar.timeline(corpus, event_type="csto")
    assert len(csto) == (corpus.events.event_type == "csto").sum() > 0
    assert (csto.event_type == "csto").all()
    later = qantar.timeline(corpus, start="2022-01-10")
    assert (later.end_date.fillna(later.date) >= "2022-01-10").all()


# actors, citations, evidence ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("masimov", "masimov"),
        ("Karim Masimov", "masimov"),
        ("Massimov", "masimov"),
        ("  massimov ", "masimov"),
        ("TOKAYEV", "tokayev"),
        ("CSTO", "csto"),
    ],
    ids=["id", "name", "alias", "spaces", "upper-case", "organisation"],
)
def test_find_actor(corpus: qantar.Corpus, name: str, actor_id: str) -> None:
    assert qantar.find_actor(corpus, name) == actor_id


def test_every_actor_is_found_by_id_name_and_alias(corpus: qantar.Corpus) -> None:
    for row in corpus.actors.itertuples():
        assert qantar.find_actor(corpus, row.actor_id) == row.actor_id
        names = [row.name, *row.aliases]
        # a name may be shared (a state and its capital), but it always finds some actor
        assert all(qantar.find_actor(corpus, n) in set(corpus.actors.actor_id) for n in names)


def test_actor_rows_mention_the_actor(corpus: qantar.Corpus) -> None:
    rows = qantar.actor_rows(corpus, "Lukashenka")
    assert sorted(rows) == ["claims", "events", "precedents"]
    claims = rows["claims"]
    assert len(claims) > 0
    assert all(
        "lukashenka" in a or s == "lukashenka"
        for a, s in zip(claims.actors, claims.speaker, strict=True)
    )
    assert all("lukashenka" in a for a in rows["events"].actors)
    kyrgyz = qantar.actor_rows(corpus, "kyrgyzstan")["precedents"]
    assert (kyrgyz.state == "kyrgyzstan").all()
    assert len(kyrgyz) > 0


def test_cite_names_the_source_and_paragraph_of_every_row(corpus: qantar.Corpus) -> None:
    sources = corpus.sources.set_index("source_id")
    for table, key in (("claims", "claim_id"), ("figures", "figure_id")):
        for row in corpus[table].itertuples():
            text = qantar.cite(corpus, getattr(row, key))
            source = sources.loc[row.source_id]
            assert f", paragraph {row.para}, which opens " in text
            url = str(source.url or "")
            if url:
                assert f"(quoted from the source): {url}#:~:text=" in text
            else:
                assert "; no public address of this document is known" in text
                assert text.endswith(str(source.url_note or "known"))
            assert f'"{source.title}"' in text
            assert f"({source.published:%Y-%m-%d})" in text


def test_cite_example(corpus: qantar.Corpus) -> None:
    assert qantar.cite(corpus, "osw-f01") == (
        'OSW Centre for Eastern Studies (2022-01-10), "Kazakhstan: the CSTO intervenes, '
        'the protests pacified", paragraph 4, which opens "On the night of 5/6 January, ..." '
        "(quoted from the source): https://www.osw.waw.pl/en/publikacje/analyses/2022-01-10/"
        "kazakhstan-csto-intervenes-protests-pacified#:~:text=On%20the%20night,the%20situation."
    )


def test_evidence_keeps_the_order_given(corpus: qantar.Corpus) -> None:
    ids = ["sceeus-f12", "osw-003", "compass-001"]
    table = qantar.evidence(corpus, ids)
    assert table.row_id.tolist() == ids
    assert table.kind.tolist() == ["figure", "claim", "claim"]
    assert table.source.tolist() == ["SCEEUS", "OSW", "COMPASS"]
    claim = corpus.claims.set_index("claim_id").loc["osw-003"]
    assert table.text[1] == claim.summary
    assert table.para[1] == claim.para
    labelled = qantar.evidence(corpus, {"a": ["osw-003"], "b": ["sceeus-f12", "compass-001"]})
    assert labelled.label.tolist() == ["a", "b", "b"]
    with pytest.raises(ValueError, match="No claim or figure 'osw-9999'"):
        qantar.evidence(corpus, ["osw-9999"])


def test_claim_codes_in_the_order_given(corpus: qantar.Corpus) -> None:
    ids = list(corpus.claims.claim_id[[5, 0, 17]])
    expected = [str(corpus.claims.set_index("claim_id").claim_type[i]) for i in ids]
    assert qantar.claim_codes(corpus, ids) == expected
    with pytest.raises(ValueError, match=r"No claim 'osw-03'\. Did you mean"):
        qantar.claim_codes(corpus, ["osw-03"])


def test_troop_totals_never_merge_sources(corpus: qantar.Corpus) -> None:
    table = qantar.troop_totals(corpus)
    countries = ["russia", "belarus", "tajikistan", "kyrgyzstan", "armenia"]
    names = list(corpus.sources.short_name)
    assert table.index.tolist() == [n for n in names if n in table.index]
    assert (table.countries_reported == table[countries].notna().sum(axis=1)).all()
    summed = table[countries].sum(axis=1, min_count=1)
    pd.testing.assert_series_equal(table.sum_of_countries, summed, check_names=False)
    figures = corpus.figures.merge(corpus.sources[["source_id", "short_name"]], on="source_id")
    for country in countries:
        for source, value in table[country].dropna().items():
            reports = figures[
                (figures.quantity == f"troops_{country}") & (figures.short_name == source)
            ]
            assert value in set(reports.value)


# agreement between coders -----------------------------------------------------------------


def _expand(cells: dict[tuple[str, str], int]) -> tuple[list[str], list[str]]:
    """Two coders' codes from a contingency table {(code of A, code of B): count}."""
    a: list[str] = []
    b: list[str] = []
    for (x, y), n in cells.items():
        a += [x] * n
        b += [y] * n
    return a, b


def test_cohen_kappa_hand_computed_three_categories() -> None:
    # A: fact fact fact interp interp pred  /  B: fact fact interp interp pred pred
    a = ["fact", "fact", "fact", "interpretation", "interpretation", "prediction"]
    b = ["fact", "fact", "interpretation", "interpretation", "prediction", "prediction"]
    # p_o = 4/6; p_e = (3/6)(2/6) + (2/6)(2/6) + (1/6)(2/6) = 12/36 = 1/3
    # kappa = (2/3 - 1/3) / (1 - 1/3) = 1/2
    assert qantar.percent_agreement(a, b) == pytest.approx(4 / 6)
    assert qantar.cohen_kappa(a, b) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("cells", "kappa"),
    [
        # Cohen's kappa on Wikipedia: 50 proposals read by two editors
        ({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}, 0.4),
        # the same article's pair with equal agreement (p_o = 0.6) but different kappas
        ({("yes", "yes"): 45, ("yes", "no"): 15, ("no", "yes"): 25, ("no", "no"): 15}, 0.1304),
        ({("yes", "yes"): 25, ("yes", "no"): 35, ("no", "yes"): 5, ("no", "no"): 35}, 0.2593),
    ],
    ids=["wikipedia-0.4", "wikipedia-0.1304", "wikipedia-0.2593"],
)
def test_cohen_kappa_known_values(cells: dict[tuple[str, str], int], kappa: float) -> None:
    a, b = _expand(cells)
    assert qantar.cohen_kappa(a, b) == pytest.approx(kappa, abs=5e-5)
    assert qantar.cohen_kappa(b, a) == pytest.approx(kappa, abs=5e-5)


def test_cohen_kappa_limits() -> None:
    assert qantar.cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == 1.0
    assert qantar.cohen_kappa(["a", "a"], ["a", "a"]) == 1.0  # one category, full agreement
    assert qantar.cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    assert qantar.cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == pytest.approx(0.0)


def test_agreement_ignores_case_and_spacing() -> None:
    a = ["Fact", " interpretation", "PREDICTION"]
    b = ["fact", "interpretation ", "prediction"]
    assert qantar.percent_agreement(a, b) == 1.0
    assert qantar.cohen_kappa(a, b) == 1.0


def test_kappa_against_the_corpus_coding(corpus: qantar.Corpus) -> None:
    ids = list(corpus.claims.claim_id[:10])
    codes = qantar.claim_codes(corpus, ids)
    assert qantar.cohen_kappa(codes, codes) == 1.0
    flipped = ["fact" if c != "fact" else "interpretation" for c in codes]
    assert qantar.percent_agreement(flipped, codes) == 0.0


def test_troop_totals_keep_stated_totals_apart(corpus: qantar.Corpus) -> None:
    table = qantar.troop_totals(corpus)
    for report in qantar.compare_reports(corpus, "troops_total").itertuples():
        assert table.loc[report.source, "reported_total"] == report.value
        assert table.loc[report.source, "total_qualifier"] == report.qualifier
    assert "COMPASS" not in table.index  # reports no troop figure


def test_evidence_and_claim_codes_take_one_id_as_well_as_a_list(corpus: qantar.Corpus) -> None:
    assert "label" not in qantar.evidence(corpus, ["osw-f05"]).columns
    assert qantar.evidence(corpus, "osw-f05").row_id.tolist() == ["osw-f05"]
    code = str(corpus.claims.set_index("claim_id").claim_type["osw-003"])
    assert qantar.claim_codes(corpus, "osw-003") == [code]


# Hindsight: predictions, their outcomes and the evidence ---------------------------------------


def test_predictions_join_every_prediction_with_its_outcome(corpus: qantar.Corpus) -> None:
    table = qantar.predictions(corpus)
    wanted = corpus.claims[corpus.claims.claim_type == "prediction"]
    assert list(table.claim_id) == list(wanted.claim_id)
    outcomes = corpus.outcomes.set_index("claim_id")
    for row in table.itertuples():
        assert row.outcome == outcomes.outcome[row.claim_id]
        assert row.context_ids == list(outcomes.context_ids[row.claim_id])
        assert [e["context_id"] for e in row.evidence] == row.context_ids
    assert set(table.hedge_group) <= set(qantar.HEDGE_GROUP_ORDER)


def test_predictions_carry_the_evidence_pages(corpus: qantar.Corpus) -> None:
    context = corpus.context.set_index("context_id")
    cited = [e for evidence in qantar.predictions(corpus).evidence for e in evidence]
    assert cited, "no outcome cites any evidence"
    for item in cited:
        row = context.loc[item["context_id"]]
        assert (item["url"], item["publisher"]) == (row.url, row.publisher)
        assert item["published"] == row.published
        assert item["url"].startswith(("https://", "http://"))


def test_predictions_filter_by_source_and_outcome(corpus: qantar.Corpus) -> None:
    everything = qantar.predictions(corpus)
    for source in everything.source.unique():
        mine = qantar.predictions(corpus, source=source.lower())
        assert list(mine.claim_id) == list(everything.claim_id[everything.source == source])
    for code in everything.outcome.cat.categories:
        picked = qantar.predictions(corpus, outcome=code)
        assert list(picked.claim_id) == list(everything.claim_id[everything.outcome == code])
    both = qantar.predictions(corpus, source="CSP", outcome="came_true")
    assert set(both.source) <= {"CSP"}
    assert set(both.outcome.astype(str)) <= {"came_true"}


def test_predictions_reject_an_unknown_outcome(corpus: qantar.Corpus) -> None:
    with pytest.raises(ValueError, match=r"No outcome 'came true'\. Did you mean 'came_true'"):
        qantar.predictions(corpus, outcome="came true")


def test_outcome_counts_add_up_to_the_predictions(corpus: qantar.Corpus) -> None:
    table = qantar.predictions(corpus)
    for by in ("source", "hedge_group", "hedge", "theme"):
        counts = qantar.outcome_counts(corpus, by=by)
        assert list(counts.columns) == list(table.outcome.cat.categories)
        assert int(counts.to_numpy().sum()) == table.outcome.notna().sum()
        for label, row in counts.iterrows():
            mine = table[table[by] == label]
            assert row.to_dict() == mine.outcome.value_counts().reindex(counts.columns).to_dict()
    order = list(qantar.outcome_counts(corpus, by="hedge_group").index)
    assert order == [g for g in qantar.HEDGE_GROUP_ORDER if g in order]
    shares = qantar.outcome_counts(corpus, by="source", normalize=True)
    assert shares.sum(axis=1).round(9).eq(1).all()
    with pytest.raises(ValueError, match=r"No grouping 'sources'\. Did you mean 'source'"):
        qantar.outcome_counts(corpus, by="sources")


def test_outcome_codes_in_the_order_given(corpus: qantar.Corpus) -> None:
    ids = list(corpus.outcomes.claim_id[:3])[::-1]
    codes = dict(zip(corpus.outcomes.claim_id, corpus.outcomes.outcome.astype(str), strict=True))
    assert qantar.outcome_codes(corpus, ids) == [codes[i] for i in ids]
    assert qantar.outcome_codes(corpus, ids[0]) == [codes[ids[0]]]
    fact = str(corpus.claims.claim_id[corpus.claims.claim_type == "fact"].iloc[0])
    with pytest.raises(ValueError, match="Only predictions have outcomes"):
        qantar.outcome_codes(corpus, [fact])


def test_every_hedge_category_has_a_group(corpus: qantar.Corpus) -> None:
    assert set(corpus.claims.hedge.cat.categories) == set(qantar.HEDGE_GROUPS)
    assert set(qantar.HEDGE_GROUPS.values()) == set(qantar.HEDGE_GROUP_ORDER)


def test_hindsight_queries_need_the_outcomes_table(corpus_copy: Path) -> None:
    package = json.loads((corpus_copy / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "outcomes"]
    (corpus_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    (corpus_copy / "outcomes.csv").unlink()
    bare = qantar.load_corpus(corpus_copy)
    with pytest.raises(ValueError, match=r"predictions\(\) needs the outcomes and context tables"):
        qantar.predictions(bare)


def test_later_events_come_after_every_source(corpus: qantar.Corpus) -> None:
    later = qantar.later_events(corpus)
    newest = corpus.sources.published.max()
    context = corpus.context
    assert list(later.context_id) == list(
        context[context.date > newest].sort_values(["date", "context_id"]).context_id
    )
    assert later.date.is_monotonic_increasing
    ukraine = qantar.later_events(corpus, "ukraine_war")
    assert len(ukraine) >= 1
    assert set(ukraine.topic) == {"ukraine_war"}
    with pytest.raises(ValueError, match=r"No topic 'ukraine'\. Did you mean 'ukraine_war'"):
        qantar.later_events(corpus, "ukraine")


def test_queries_leave_the_corpus_as_loaded() -> None:
    """A table a query returns is the caller's: naming its axes must not rename the corpus's.

    coverage() once set the name of the index it had reindexed with the corpus's own theme
    categories, so every later comparison of the claims table failed ("names are different").
    """
    corpus = qantar.load_corpus()
    before = {
        (t, col): (list(corpus[t][col].cat.categories), corpus[t][col].cat.categories.name)
        for t in ("claims", "figures", "events", "sources")
        for col in corpus[t].columns
        if isinstance(corpus[t][col].dtype, pd.CategoricalDtype)
    }
    qantar.coverage(corpus)
    qantar.coverage(corpus, include_other_themes=True)
    table = qantar.hedge_profile(corpus)
    table.columns.name = "mine"
    qantar.outcome_counts(corpus, by="theme")
    after = {
        key: (
            list(corpus[key[0]][key[1]].cat.categories),
            corpus[key[0]][key[1]].cat.categories.name,
        )
        for key in before
    }
    assert after == before
