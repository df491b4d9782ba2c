"""Questions the notebooks ask of the corpus, answered as DataFrames."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence
from typing import Any, cast

import pandas as pd

from ._corpus import Corpus

__all__ = (
    "HEDGE_GROUPS",
    "HEDGE_GROUP_ORDER",
    "actor_rows",
    "cite",
    "claim_codes",
    "claims_for",
    "cohen_kappa",
    "compare_reports",
    "coverage",
    "disagreements",
    "evidence",
    "find_actor",
    "format_value",
    "hedge_group",
    "hedge_profile",
    "later_events",
    "locator_address",
    "locator_links",
    "outcome_codes",
    "outcome_counts",
    "percent_agreement",
    "predictions",
    "quantities",
    "report_spread",
    "timeline",
    "troop_totals",
)


def _check_corpus(corpus: Any, func: str) -> None:
    if not isinstance(corpus, Corpus):
        msg = (
            f"{func}() takes the corpus as its first argument, not {type(corpus).__name__}; "
            f"write: corpus = qantar.load_corpus() and then {func}(corpus, ...)"
        )
        raise TypeError(msg)


def _check_choice(value: Any, valid: Sequence[Hashable], what: str) -> None:
    if value not in valid:
        close = difflib.get_close_matches(str(value), [str(v) for v in valid], n=3)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        plural = f"{what[:-1]}ies" if what.endswith("y") else f"{what}s"
        msg = f"No {what} {value!r}.{hint} Valid {plural}: {', '.join(map(str, valid))}"
        raise ValueError(msg)


def _short_names(corpus: Corpus) -> dict[str, str]:
    return dict(zip(corpus.sources.source_id, corpus.sources.short_name, strict=True))


def format_value(value: float, unit: object) -> str:
    """Format a reported number for display: thousands separators, but none in years.

    Examples
    --------
    >>> format_value(3000.0, "troops"), format_value(1994.0, "year"), format_value(0.1, "eur")
    ('3,000', '1994', '0.1')
    """
    return f"{value:.10g}" if str(unit) == "year" else f"{value:,.10g}"


def compare_reports(corpus: Corpus, quantity: str) -> pd.DataFrame:
    """Every report of one quantity, one row per source report, oldest source first.

    Parameters
    ----------
    corpus : Corpus
        From :func:`qantar.load_corpus`.
    quantity : str
        A ``quantity`` id of the figures table, e.g. ``"troops_russia"``; see
        :func:`quantities` for the list.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``published``, ``value``, ``qualifier``, ``unit``,
        ``as_of``, ``attributed_to``, ``subject``, ``figure_id``, ``para``.
        Reports are never merged or averaged.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> reports = compare_reports(corpus, "deaths_total")
    >>> len(reports), set(reports.unit)
    (2, {'people'})
    >>> bool(reports.published.is_monotonic_increasing)  # the oldest source first
    True
    """
    _check_corpus(corpus, "compare_reports")
    _check_choice(quantity, sorted(corpus.figures.quantity.unique()), "quantity")
    rows = corpus.figures[corpus.figures.quantity == quantity]
    sources = corpus.sources.set_index("source_id")
    out = pd.DataFrame(
        {
            "source": rows.source_id.map(_short_names(corpus)).astype(str),
            "published": rows.source_id.map(sources.published).astype("datetime64[ns]"),
            "value": rows.value,
            "qualifier": rows.qualifier,
            "unit": rows.unit,
            "as_of": rows.as_of,
            "attributed_to": rows.attributed_to,
            "subject": rows.subject,
            "figure_id": rows.figure_id,
            "para": rows.para,
        }
    )
    return out.sort_values(["published", "figure_id"]).reset_index(drop=True)


def quantities(corpus: Corpus) -> pd.DataFrame:
    """One row per quantity: how many sources report it and how far they differ.

    Examples
    --------
    >>> import qantar
    >>> table = quantities(qantar.load_corpus())
    >>> bool(table.loc["troops_russia", "sources"] >= 2)
    True
    """
    _check_corpus(corpus, "quantities")
    figures = corpus.figures
    grouped = figures.groupby("quantity", sort=True)
    out = pd.DataFrame(
        {
            "reports": grouped.size(),
            "sources": grouped.source_id.nunique(),
            "lowest": grouped.value.min(),
            "highest": grouped.value.max(),
            "unit": grouped.unit.first().astype(str),
        }
    )
    out["sources_disagree"] = (out.lowest != out.highest) & (out.sources > 1)
    return out


def disagreements(corpus: Corpus) -> pd.DataFrame:
    """Quantities that two or more sources report with different values.

    Examples
    --------
    >>> import qantar
    >>> "csto_founded" in disagreements(qantar.load_corpus()).index
    True
    """
    table = quantities(corpus)
    return table[table.sources_disagree].drop(columns="sources_disagree")


def claims_for(
    corpus: Corpus,
    theme: str | None = None,
    source: str | None = None,
    claim_type: str | None = None,
    actor: str | None = None,
    include_other_themes: bool = True,
) -> pd.DataFrame:
    """Claims filtered by theme, source, claim type and actor.

    Parameters
    ----------
    corpus : Corpus
    theme : str, optional
        A theme of the codebook, e.g. ``"causes"``.
    source : str, optional
        A ``source_id`` (``"osw"``) or short name (``"OSW"``).
    claim_type : str, optional
        ``fact``, ``interpretation``, ``prediction`` or ``recommendation``.
    actor : str, optional
        An actor id, name or alias (``"Massimov"``); see :func:`find_actor`.
    include_other_themes : bool
        Also match claims whose secondary themes include *theme* (default).

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> found = claims_for(corpus, theme="belarus_impact", source="COMPASS")
    >>> set(found.source_id) == {"compass"}
    True
    """
    _check_corpus(corpus, "claims_for")
    claims = corpus.claims
    mask = pd.Series(True, index=claims.index)
    if theme is not None:
        _check_choice(theme, list(claims.theme.cat.categories), "theme")
        mask &= claims.theme == theme
        if include_other_themes:
            mask |= claims.other_themes.map(lambda items: theme in items)
    if source is not None:
        mask &= claims.source_id == _source_id(corpus, source)
    if claim_type is not None:
        _check_choice(claim_type, list(claims.claim_type.cat.categories), "claim type")
        mask &= claims.claim_type == claim_type
    if actor is not None:
        actor_id = find_actor(corpus, actor)
        mask &= claims.actors.map(lambda items: actor_id in items) | (claims.speaker == actor_id)
    return claims[mask].reset_index(drop=True)


def _source_id(corpus: Corpus, source: str) -> str:
    names = {str(s).lower(): str(s) for s in corpus.sources.source_id}
    names.update({str(n).lower(): str(s) for s, n in _short_names(corpus).items()})
    key = str(source).strip().lower()
    if key not in names:
        _check_choice(source, list(corpus.sources.source_id), "source")
    return names[key]


def coverage(corpus: Corpus, include_other_themes: bool = False) -> pd.DataFrame:
    """Number of claims per theme (rows) and source (columns).

    Examples
    --------
    >>> import qantar
    >>> table = coverage(qantar.load_corpus())
    >>> list(table.columns)
    ['COMPASS', 'OSW', 'SCEEUS', 'CSP', 'IAN']
    """
    _check_corpus(corpus, "coverage")
    claims = corpus.claims[["claim_id", "source_id", "theme"]]
    if include_other_themes:
        extra = corpus.claims[["claim_id", "source_id", "other_themes"]].explode("other_themes")
        extra = extra.dropna().rename(columns={"other_themes": "theme"})
        extra["theme"] = pd.Categorical(extra.theme, categories=claims.theme.cat.categories)
        claims = pd.concat([claims, extra], ignore_index=True)
    table = pd.crosstab(claims.theme, claims.source_id, dropna=False)
    table = table.reindex(
        index=corpus.claims.theme.cat.categories, columns=corpus.sources.source_id, fill_value=0
    )
    table.columns = [_short_names(corpus)[s] for s in table.columns]
    # rename_axis gives the table its own index: setting .name on the reindexed one would
    # rename the corpus's own theme categories (shared, not copied, by reindex)
    return table.rename_axis(index="theme", columns="source")


def hedge_profile(corpus: Corpus, normalize: bool = True) -> pd.DataFrame:
    """Hedging and boosting words by source: share (or count) of each source's claims.

    Examples
    --------
    >>> import qantar
    >>> profile = hedge_profile(qantar.load_corpus())
    >>> bool((profile.sum(axis=1).round(6) == 1).all())
    True
    """
    _check_corpus(corpus, "hedge_profile")
    claims = corpus.claims
    table = pd.crosstab(claims.source_id, claims.hedge, dropna=False).reindex(
        index=corpus.sources.source_id, columns=list(claims.hedge.cat.categories), fill_value=0
    )
    if normalize:
        table = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    table.index = [_short_names(corpus)[s] for s in table.index]
    table.index.name = "source"
    return table


def timeline(
    corpus: Corpus,
    start: str | None = None,
    end: str | None = None,
    event_type: str | None = None,
) -> pd.DataFrame:
    """Events whose span overlaps two dates (inclusive), in date order.

    Parameters
    ----------
    corpus : Corpus
    start, end : str, optional
        ISO dates such as ``"2022-01-02"``; open-ended when omitted.
    event_type : str, optional
        One of the event types of the codebook, e.g. ``"csto"``.

    Examples
    --------
    >>> import qantar
    >>> days = timeline(qantar.load_corpus(), "2022-01-02", "2022-01-19")
    >>> days.date.min() >= pd.Timestamp("2022-01-02")
    True
    """
    _check_corpus(corpus, "timeline")
    events = corpus.events
    try:
        lower = pd.Timestamp(start) if start is not None else events.date.min()
        upper = pd.Timestamp(end) if end is not None else events.date.max()
    except (ValueError, TypeError) as err:
        msg = f"timeline() needs dates like '2022-01-05': {err}"
        raise ValueError(msg) from None
    # an event belongs to the window if its span (date to end_date) overlaps it
    mask = (events.date <= upper) & (events.end_date.fillna(events.date) >= lower)
    if event_type is not None:
        _check_choice(event_type, list(events.event_type.cat.categories), "event type")
        mask &= events.event_type == event_type
    return events[mask].sort_values(["date", "event_id"]).reset_index(drop=True)


def find_actor(corpus: Corpus, name: str) -> str:
    """Resolve an actor id, name or alias (any case) to its ``actor_id``.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> find_actor(corpus, "Massimov"), find_actor(corpus, "CSTO")
    ('masimov', 'csto')
    """
    _check_corpus(corpus, "find_actor")
    lookup: dict[str, str] = {}
    for row in corpus.actors.itertuples():
        actor_id, aliases = str(row.actor_id), cast("list[str]", row.aliases)
        for key in [actor_id, row.name, *aliases]:
            lookup.setdefault(str(key).strip().lower(), actor_id)
    key = str(name).strip().lower()
    if key not in lookup:
        close = difflib.get_close_matches(key, list(lookup), n=3)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        msg = f"No actor {name!r}.{hint} See corpus.actors for ids, names and aliases."
        raise ValueError(msg)
    return lookup[key]


def actor_rows(corpus: Corpus, actor: str) -> dict[str, pd.DataFrame]:
    """Every row that mentions one actor: claims, events and precedents.

    Examples
    --------
    >>> import qantar
    >>> rows = actor_rows(qantar.load_corpus(), "Lukashenko")
    >>> sorted(rows)
    ['claims', 'events', 'precedents']
    >>> len(rows["claims"]) > 0
    True
    """
    actor_id = find_actor(corpus, actor)
    claims = corpus.claims
    events = corpus.events
    return {
        "claims": claims[
            claims.actors.map(lambda items: actor_id in items) | (claims.speaker == actor_id)
        ].reset_index(drop=True),
        "events": events[events.actors.map(lambda items: actor_id in items)].reset_index(drop=True),
        "precedents": corpus.precedents[corpus.precedents.state == actor_id].reset_index(drop=True),
    }


def locator_links(corpus: Corpus) -> dict[tuple[str, int], tuple[str, str]]:
    """``(opening_words, fragment)`` of every paragraph in ``locators.csv``, by (source, para).

    The table is computed from reference copies of the sources by
    ``scripts/locators.py``; a corpus folder without it gives an empty mapping.

    Examples
    --------
    >>> import qantar
    >>> opening, fragment = locator_links(qantar.load_corpus())[("osw", 4)]
    >>> fragment.startswith("#:~:text=")
    True
    """
    import csv

    path = corpus.path / "locators.csv"
    if not path.is_file():
        return {}
    out: dict[tuple[str, int], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                out[(row["source_id"], int(row["para"]))] = (row["opening_words"], row["fragment"])
            except (KeyError, TypeError, ValueError):
                continue
    return out


def locator_address(corpus: Corpus, source_id: str, para: int) -> tuple[str | None, str | None]:
    """The address that opens a source at one paragraph, and the paragraph's opening words.

    Returns ``(url + text fragment, opening words)``; the address is ``None`` when the
    source has no known public address (the COMPASS brief) or is not an http(s) URL,
    and both are ``None`` for a paragraph without a row in ``locators.csv``.

    Examples
    --------
    >>> import qantar
    >>> url, words = locator_address(qantar.load_corpus(), "osw", 4)
    >>> url.startswith("https://www.osw.waw.pl/") and "#:~:text=" in url
    True
    """
    opening, fragment = locator_links(corpus).get((source_id, int(para)), (None, None))
    sources = corpus.sources.set_index("source_id")
    url = str(sources.url.get(source_id) or "") if source_id in sources.index else ""
    if fragment is None or not url.startswith(("https://", "http://")):
        return None, opening
    return url.split("#")[0] + fragment, opening


def cite(corpus: Corpus, row_id: str) -> str:
    """A reference a reader can follow from a claim or figure back to its paragraph.

    It names the source and the paragraph, quotes the paragraph's opening words
    (six at most, from ``locators.csv``) and gives the source's address with a
    text fragment that opens the page at that paragraph. A source without a
    known public address says so, and gives what a reader can follow instead
    (the source's ``url_note``).

    Examples
    --------
    >>> import qantar
    >>> print(cite(qantar.load_corpus(), "osw-f01"))  # doctest: +NORMALIZE_WHITESPACE
    OSW Centre for Eastern Studies (2022-01-10), "Kazakhstan: the CSTO intervenes, the protests
    pacified", paragraph 4, which opens "On the night of 5/6 January, ..." (quoted from the
    source):
    https://www.osw.waw.pl/en/publikacje/analyses/2022-01-10/kazakhstan-csto-intervenes-protests-pacified#:~:text=On%20the%20night,the%20situation.
    """
    _check_corpus(corpus, "cite")
    for table, key in (("claims", "claim_id"), ("figures", "figure_id")):
        frame = corpus[table]
        hit = frame[frame[key] == row_id]
        if len(hit):
            row = hit.iloc[0]
            source = corpus.sources.set_index("source_id").loc[row.source_id]
            authors = "; ".join(source.authors) or source.publisher
            text = (
                f'{authors} ({source.published:%Y-%m-%d}), "{source.title}", paragraph {row.para}'
            )
            url, opening = locator_address(corpus, str(row.source_id), int(row.para))
            if opening:
                text += f', which opens "{opening}" (quoted from the source)'
            if url:
                return f"{text}: {url}"
            if not str(source.url or ""):
                text += "; no public address of this document is known"
                note = str(source.get("url_note") or "")
                return f"{text}: {note}" if note else text
            return text
    msg = f"No claim or figure {row_id!r}; ids look like 'osw-003' (claims) or 'osw-f01' (figures)"
    raise ValueError(msg)


def _paired(a: Sequence[Any], b: Sequence[Any]) -> tuple[list[str], list[str]]:
    first, second = [str(x).strip().lower() for x in a], [str(x).strip().lower() for x in b]
    if len(first) != len(second) or not first:
        msg = f"need two codings of the same items, got {len(first)} and {len(second)} codes"
        raise ValueError(msg)
    return first, second


def percent_agreement(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Share of items two coders put in the same category.

    Examples
    --------
    >>> percent_agreement(["fact", "fact", "interpretation"], ["fact", "prediction", "interpretation"])
    0.6666666666666666
    """
    first, second = _paired(a, b)
    return sum(x == y for x, y in zip(first, second, strict=True)) / len(first)


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Cohen's kappa: agreement between two coders beyond what chance would give.

    ``kappa = (p_o - p_e) / (1 - p_e)``, where ``p_o`` is the observed agreement
    and ``p_e`` the agreement expected if both coders assigned categories at
    random with their own frequencies.  1 is perfect agreement, 0 is chance.

    Examples
    --------
    >>> cohen_kappa(["a", "a", "b", "b"], ["a", "a", "b", "b"])
    1.0
    >>> round(cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]), 3)
    0.0
    """
    first, second = _paired(a, b)
    n = len(first)
    observed = percent_agreement(first, second)
    categories = set(first) | set(second)
    expected = sum((first.count(c) / n) * (second.count(c) / n) for c in categories)
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


_TROOP_COUNTRIES = ("russia", "belarus", "tajikistan", "kyrgyzstan", "armenia")


def troop_totals(corpus: Corpus) -> pd.DataFrame:
    """The CSTO contingent as each source reports it: by country, summed, and as a stated total.

    One row per source that reports any troop figure.  The country columns
    hold the source's figure for that country (missing where it gives none);
    ``countries_reported`` counts them, ``sum_of_countries`` adds them up (a
    total only if the source covers every contributing country), and
    ``reported_total`` is the total the source itself states, if any, with its
    qualifier ("over", "exact", ...).  Reports are never merged across sources.

    Parameters
    ----------
    corpus : Corpus
        From :func:`qantar.load_corpus`.

    Returns
    -------
    pandas.DataFrame
        Indexed by source short name, oldest source first; columns ``russia``,
        ``belarus``, ``tajikistan``, ``kyrgyzstan``, ``armenia``,
        ``countries_reported``, ``sum_of_countries``, ``reported_total``,
        ``total_qualifier``.

    Examples
    --------
    >>> import qantar
    >>> table = troop_totals(qantar.load_corpus())
    >>> countries = table[["russia", "belarus", "tajikistan", "kyrgyzstan", "armenia"]]
    >>> bool((table.countries_reported == countries.notna().sum(axis=1)).all())
    True
    >>> int(table.loc["IAN", "countries_reported"])  # IAN gives Armenia's contingent only
    1
    """
    _check_corpus(corpus, "troop_totals")
    figures = corpus.figures
    wanted = [f"troops_{c}" for c in _TROOP_COUNTRIES]
    rows = figures[figures.quantity.isin([*wanted, "troops_total"])]
    order = [s for s in corpus.sources.source_id if s in set(rows.source_id)]
    by_country = (
        rows[rows.quantity.isin(wanted)]
        .pivot_table(
            index="source_id", columns="quantity", values="value", aggfunc="first", observed=True
        )
        .reindex(index=order, columns=wanted)
    )
    by_country.columns = list(_TROOP_COUNTRIES)
    totals = (
        rows[rows.quantity == "troops_total"].drop_duplicates("source_id").set_index("source_id")
    )
    out = by_country.astype(float)
    out["countries_reported"] = by_country.notna().sum(axis=1).astype(int)
    out["sum_of_countries"] = by_country.sum(axis=1, min_count=1)
    out["reported_total"] = totals.value.reindex(order).astype(float)
    out["total_qualifier"] = totals.qualifier.astype(str).reindex(order).fillna("")
    out.index = pd.Index([_short_names(corpus)[s] for s in order], name="source")
    out.columns.name = None
    return out


def evidence(corpus: Corpus, ids: Sequence[str] | dict[str, Sequence[str]]) -> pd.DataFrame:
    """Claims and figures by row id, in the order given, with source, paragraph and text.

    Use it to lay out the rows behind an argument side by side; follow any row
    back to its paragraph with :func:`cite`.

    Parameters
    ----------
    corpus : Corpus
        From :func:`qantar.load_corpus`.
    ids : list of str, or dict of str to list of str
        Claim ids (``"osw-012"``) and figure ids (``"sceeus-f12"``); or a
        mapping from a label (e.g. a motive) to such ids, which adds a
        ``label`` column.

    Returns
    -------
    pandas.DataFrame
        Columns ``[label,] row_id, kind, source, para, text, claim_type,
        hedge``; ``kind`` is ``"claim"`` or ``"figure"``; a figure's ``text``
        is its subject with qualifier, value and unit, and its ``claim_type``
        and ``hedge`` are empty.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> table = evidence(corpus, {"border": ["sceeus-f12", "sceeus-026"]})
    >>> table[["label", "row_id", "kind", "source"]].values.tolist()
    [['border', 'sceeus-f12', 'figure', 'SCEEUS'], ['border', 'sceeus-026', 'claim', 'SCEEUS']]
    >>> table.text[0]
    'Length of the Kazakhstan-Russia border: 7,644 km'
    """
    _check_corpus(corpus, "evidence")
    if isinstance(ids, str):
        ids = [ids]
    labelled = isinstance(ids, dict)
    pairs = (
        [(label, row_id) for label, group in ids.items() for row_id in group]
        if isinstance(ids, dict)
        else [(None, row_id) for row_id in ids]
    )
    claims = corpus.claims.set_index("claim_id")
    figures = corpus.figures.set_index("figure_id")
    names = _short_names(corpus)
    records = []
    for label, row_id in pairs:
        if row_id in claims.index:
            row = cast("pd.Series[Any]", claims.loc[row_id])  # ids are unique: one row
            kind, text = "claim", str(row.summary)
            coded = {"claim_type": str(row.claim_type), "hedge": str(row.hedge)}
        elif row_id in figures.index:
            row = cast("pd.Series[Any]", figures.loc[row_id])
            qualifier = (
                "" if row.qualifier == "exact" else f"{str(row.qualifier).replace('_', ' ')} "
            )
            kind = "figure"
            text = f"{row.subject}: {qualifier}{format_value(row.value, row.unit)} {row.unit}"
            coded = {"claim_type": "", "hedge": ""}
        else:
            msg = (
                f"No claim or figure {row_id!r}; ids look like 'osw-003' (claims) or "
                "'osw-f01' (figures), see corpus.claims.claim_id and corpus.figures.figure_id"
            )
            raise ValueError(msg)
        record: dict[str, object] = {
            "row_id": row_id,
            "kind": kind,
            "source": names[str(row.source_id)],
        }
        record.update({"para": int(row.para), "text": text, **coded})
        records.append({"label": label, **record} if labelled else record)
    columns = ["row_id", "kind", "source", "para", "text", "claim_type", "hedge"]
    return pd.DataFrame(records, columns=["label", *columns] if labelled else columns)


_NO_RATIO_UNITS = ("year", "day_of_january_2022", "rank")


def report_spread(corpus: Corpus) -> pd.DataFrame:
    """How far apart the sources' reports of each disputed quantity are.

    For every quantity that two or more sources report with different values
    (see :func:`disagreements`): ``difference`` is the highest report minus the
    lowest, and ``ratio`` the highest divided by the lowest.  A ratio compares
    counts and shares on one scale, so it is left empty for calendar years,
    days of the month and ranks, where dividing makes no sense.

    Parameters
    ----------
    corpus : Corpus
        From :func:`qantar.load_corpus`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`disagreements` plus ``difference`` and
        ``ratio``, widest ratio first (quantities without a ratio last).

    Examples
    --------
    >>> import qantar
    >>> table = report_spread(qantar.load_corpus())
    >>> bool(table.ratio.dropna().ge(1).all())
    True
    >>> bool(table.loc["csto_founded"].isna()["ratio"])
    True
    """
    table = disagreements(corpus)
    countable = ~table.unit.isin(_NO_RATIO_UNITS)
    out = table.assign(
        difference=table.highest - table.lowest,
        ratio=(table.highest / table.lowest).where(countable & (table.lowest > 0)),
    )
    return out.sort_values(["ratio", "difference"], ascending=False, na_position="last")


def claim_codes(corpus: Corpus, claim_ids: Sequence[str]) -> list[str]:
    """The corpus's ``claim_type`` of each claim, in the order given.

    Use it to compare your own coding of some claims with the corpus's, for
    instance with :func:`percent_agreement` and :func:`cohen_kappa`.

    Examples
    --------
    >>> import qantar
    >>> claim_codes(qantar.load_corpus(), ["osw-003", "osw-004"])
    ['fact', 'interpretation']
    """
    _check_corpus(corpus, "claim_codes")
    types = dict(zip(corpus.claims.claim_id, corpus.claims.claim_type.astype(str), strict=True))
    return _codes_of(
        claim_ids,
        types,
        "No claim {id!r}.{hint} Claim ids look like 'osw-012'; see corpus.claims.claim_id",
    )


def _codes_of(ids: str | Sequence[str], codes: dict[str, str], missing: str) -> list[str]:
    """The code of each id, in order; an unknown id raises ``missing`` with close matches."""
    wanted = [ids] if isinstance(ids, str) else list(ids)
    unknown = [c for c in wanted if c not in codes]
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), list(codes), n=3)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(missing.format(id=unknown[0], hint=hint))
    return [codes[c] for c in wanted]


# Hindsight: the sources' predictions and what became of them ----------------------------------

#: How each hedge category of the codebook qualifies a claim (section ``claims.hedge``):
#: ``flat`` (no hedge), ``hedged`` (a weakening word: "may", "probably", "seems", ...),
#: ``attributed`` (passed on from others) or ``boosted`` ("clearly", "certainly", ...).
HEDGE_GROUPS: dict[str, str] = {
    "none": "flat",
    "allegedly": "hedged",
    "apparently": "hedged",
    "seems": "hedged",
    "may": "hedged",
    "probably": "hedged",
    "arguably": "hedged",
    "reportedly": "attributed",
    "according_to": "attributed",
    "believed": "attributed",
    "undoubtedly": "boosted",
    "clearly": "boosted",
    "certainly": "boosted",
}
#: The groups of :data:`HEDGE_GROUPS`, from least to most qualified wording.
HEDGE_GROUP_ORDER = ("flat", "hedged", "attributed", "boosted")
_PREDICTION_COLUMNS = [
    "claim_id",
    "source",
    "para",
    "theme",
    "hedge",
    "hedge_group",
    "summary",
    "outcome",
    "judged_on",
    "contested",
    "explanation",
    "note",
    "context_ids",
    "evidence",
]


def _outcomes_table(corpus: Corpus, func: str) -> pd.DataFrame:
    _check_corpus(corpus, func)
    if "outcomes" not in corpus.names or "context" not in corpus.names:
        msg = (
            f"{func}() needs the outcomes and context tables, which this corpus "
            f"({corpus.path}) does not have: add outcomes.csv and context.csv as the shipped "
            "corpus does, or call it on qantar.load_corpus()"
        )
        raise ValueError(msg)
    return corpus["outcomes"]


def _outcome_codes(corpus: Corpus) -> list[str]:
    outcome = corpus["outcomes"].outcome
    if isinstance(outcome.dtype, pd.CategoricalDtype):
        return [str(c) for c in outcome.cat.categories]
    return sorted({str(v) for v in outcome.dropna()})


def _is_true(value: Any) -> bool:
    """A ``contested`` cell as a bool, whether the loader gives a bool or the CSV text."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return False if value is None or bool(pd.isna(value)) else bool(value)


def hedge_group(hedge: str) -> str:
    """The group of a hedge category: ``flat``, ``hedged``, ``attributed`` or ``boosted``.

    Examples
    --------
    >>> hedge_group("may"), hedge_group("none"), hedge_group("certainly")
    ('hedged', 'flat', 'boosted')
    """
    return HEDGE_GROUPS.get(str(hedge), "other")


def predictions(
    corpus: Corpus, source: str | None = None, outcome: str | None = None
) -> pd.DataFrame:
    """Every prediction of the sources with its outcome and the evidence for it.

    Joins the claims coded as predictions with the ``outcomes`` table and each
    outcome's evidence, the ``context`` rows it cites (facts from outside the
    five sources, each with the public page it was read in).  A prediction
    without an outcome row has an empty ``outcome``.

    Parameters
    ----------
    corpus : Corpus
        From :func:`qantar.load_corpus`.
    source : str, optional
        A ``source_id`` (``"osw"``) or short name (``"OSW"``).
    outcome : str, optional
        An outcome code: ``came_true``, ``partly``, ``did_not_happen``,
        ``not_yet_decidable`` or ``not_checkable``.

    Returns
    -------
    pandas.DataFrame
        One row per prediction, in corpus order; columns ``claim_id``,
        ``source`` (short name), ``para``, ``theme``, ``hedge``,
        ``hedge_group`` (see :data:`HEDGE_GROUPS`), ``summary``, ``outcome``,
        ``judged_on``, ``contested`` (bool), ``explanation``, ``note``,
        ``context_ids`` and ``evidence``: a list with one dict per context row
        cited (``context_id``, ``date``, ``summary``, ``publisher``,
        ``published``, ``url``).

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> table = predictions(corpus)
    >>> len(table) == int((corpus.claims.claim_type == "prediction").sum())
    True
    >>> set(predictions(corpus, source="OSW").source)
    {'OSW'}
    """
    outcomes = _outcomes_table(corpus, "predictions")
    claims = corpus.claims[corpus.claims.claim_type == "prediction"]
    if source is not None:
        claims = claims[claims.source_id == _source_id(corpus, source)]
    codes = _outcome_codes(corpus)
    if outcome is not None:
        _check_choice(outcome, codes, "outcome")
    judged = outcomes.drop_duplicates("claim_id").set_index("claim_id")
    context = corpus["context"].set_index("context_id")
    names = _short_names(corpus)
    records = []
    for row in claims.itertuples():
        claim_id = str(row.claim_id)
        found = claim_id in judged.index
        verdict = judged.loc[claim_id] if found else None
        ids = [str(i) for i in verdict.context_ids] if verdict is not None else []
        evidence = [
            {
                "context_id": cid,
                "date": context.date.get(cid),
                "summary": str(context.summary.get(cid, "")),
                "publisher": str(context.publisher.get(cid, "")),
                "published": context.published.get(cid),
                "url": str(context.url.get(cid, "")),
            }
            for cid in ids
            if cid in context.index
        ]
        records.append(
            {
                "claim_id": claim_id,
                "source": names[str(row.source_id)],
                "para": int(cast("int", row.para)),
                "theme": str(row.theme),
                "hedge": str(row.hedge),
                "hedge_group": hedge_group(str(row.hedge)),
                "summary": str(row.summary),
                "outcome": str(verdict.outcome) if verdict is not None else None,
                "judged_on": verdict.judged_on if verdict is not None else pd.NaT,
                "contested": _is_true(verdict.contested) if verdict is not None else False,
                "explanation": str(verdict.explanation) if verdict is not None else "",
                "note": str(verdict.note or "") if verdict is not None else "",
                "context_ids": ids,
                "evidence": evidence,
            }
        )
    out = pd.DataFrame(records, columns=_PREDICTION_COLUMNS)
    out["outcome"] = pd.Categorical(out.outcome, categories=codes)
    out["judged_on"] = pd.to_datetime(out.judged_on)
    out["contested"] = out.contested.astype(bool)
    if outcome is not None:
        out = out[out.outcome == outcome]
    return out.reset_index(drop=True)


def outcome_counts(corpus: Corpus, by: str = "source", normalize: bool = False) -> pd.DataFrame:
    """How many predictions came true, partly, did not happen, ... by source, hedge or theme.

    Parameters
    ----------
    corpus : Corpus
        From :func:`qantar.load_corpus`.
    by : {"source", "hedge_group", "hedge", "theme"}
        What the rows are: sources (short names, in corpus order), hedge
        groups (:data:`HEDGE_GROUP_ORDER`), hedge categories or themes; only
        those with at least one prediction.
    normalize : bool
        Shares of each row's predictions instead of counts.

    Returns
    -------
    pandas.DataFrame
        One column per outcome code, in the codebook's order.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> table = outcome_counts(corpus)
    >>> int(table.to_numpy().sum()) == len(predictions(corpus).dropna(subset=["outcome"]))
    True
    >>> list(outcome_counts(corpus, by="hedge_group").index)[0]
    'flat'
    """
    _check_choice(by, ["source", "hedge_group", "hedge", "theme"], "grouping")
    table = predictions(corpus)
    codes = list(table.outcome.cat.categories)
    table = table.dropna(subset=["outcome"])
    if by == "source":
        order = [s for s in corpus.sources.short_name if s in set(table.source)]
    elif by == "hedge_group":
        present = set(table.hedge_group)
        order = [g for g in (*HEDGE_GROUP_ORDER, "other") if g in present]
    elif by == "hedge":
        present = set(table.hedge)
        order = [str(h) for h in corpus.claims.hedge.cat.categories if h in present]
    else:
        present = set(table.theme)
        order = [str(t) for t in corpus.claims.theme.cat.categories if t in present]
    counts = pd.crosstab(table[by], table.outcome.astype(str)).reindex(
        index=order, columns=codes, fill_value=0
    )
    counts.index.name = by
    counts.columns.name = "outcome"
    if normalize:
        return counts.div(counts.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    return counts


def outcome_codes(corpus: Corpus, claim_ids: Sequence[str]) -> list[str]:
    """The corpus's outcome code of each prediction, in the order given.

    Use it to compare your own coding of some predictions' outcomes with the
    corpus's, with :func:`percent_agreement` and :func:`cohen_kappa`.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> first = str(corpus.outcomes.claim_id.iloc[0])
    >>> outcome_codes(corpus, [first]) == [str(corpus.outcomes.outcome.iloc[0])]
    True
    """
    outcomes = _outcomes_table(corpus, "outcome_codes")
    codes = dict(zip(outcomes.claim_id, outcomes.outcome.astype(str), strict=True))
    return _codes_of(
        claim_ids,
        codes,
        "No outcome for {id!r}.{hint} Only predictions have outcomes; "
        "see qantar.predictions(corpus).claim_id",
    )


def later_events(corpus: Corpus, topic: str | None = None) -> pd.DataFrame:
    """Facts from the ``context`` table dated after the newest of the five sources.

    These are events none of the sources could know when it was written: they
    come from public pages outside the corpus (``url``, ``publisher``,
    ``published``), never from the sources.

    Parameters
    ----------
    corpus : Corpus
        From :func:`qantar.load_corpus`.
    topic : str, optional
        A context topic, e.g. ``"ukraine_war"`` or ``"armenia_csto"``.

    Returns
    -------
    pandas.DataFrame
        The context rows in date order, with columns ``context_id``, ``date``,
        ``topic``, ``summary``, ``publisher``, ``published``, ``url``.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> later = later_events(corpus)
    >>> bool((later.date > corpus.sources.published.max()).all())
    True
    """
    _check_corpus(corpus, "later_events")
    if "context" not in corpus.names:
        msg = f"later_events() needs the context table, which the corpus in {corpus.path} lacks"
        raise ValueError(msg)
    context = corpus["context"]
    if topic is not None:
        topics = context.topic
        valid = (
            [str(t) for t in topics.cat.categories]
            if isinstance(topics.dtype, pd.CategoricalDtype)
            else sorted({str(t) for t in topics})
        )
        _check_choice(topic, valid, "topic")
    newest = corpus.sources.published.max()
    rows = context[context.date > newest]
    if topic is not None:
        rows = rows[rows.topic == topic]
    columns = ["context_id", "date", "topic", "summary", "publisher", "published", "url"]
    ordered = cast("pd.DataFrame", rows.sort_values(["date", "context_id"]))
    return ordered[columns].reset_index(drop=True)
