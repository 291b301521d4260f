"""Okapi BM25 in PostgreSQL for the memory index: the schema, the statistics trigger and the query.

``memory_items.tsv`` is a generated ``tsvector`` (``english`` configuration, so stemming like SQLite's Porter
tokenizer) over the text (weight A) and the context (weight B) with a GIN index. The query is the content
words of the question OR-ed (``plainto_tsquery`` per word joined with ``||``); the GIN index finds the user's
matching rows and :data:`BM25_SQL` scores them with Okapi BM25 exactly as FTS5's ``bm25()`` does (k1 1.2, b
0.75, IDF ``ln((N − df + 0.5)/(df + 0.5))`` floored at 1e-6, a term's frequency counting the context's
occurrences at half weight, the length in tokens of text and context, plus the one owner token SQLite's FTS
rows also hold, over the average), so the re-ranker fit on SQLite's scores reads the same scale. Term
frequencies come from the ``tsvector`` positions: each matching row's vector is cut down to the query's
lexemes in C (``setweight`` marks them C in the text's part and D in the context's, ``ts_filter`` keeps those)
before ``unnest``, which made the query 1.7x faster than unnesting every lexeme; the length is the generated
``doc_len`` (runs of letters and digits, as FTS5's ``unicode61`` counts tokens, stop words included; split
with ``regexp_split_to_array``, as ``regexp_count`` needs PostgreSQL 15).
N, the token total and each lexeme's document frequency are kept **per user** in ``memory_terms``
and ``memory_term_stats`` by the statement-level triggers ``memory_terms_on_*`` on ``memory_items``
(insert, update, delete: also imports and forgetting, in the writing transaction; a lexeme whose
count reaches 0 is deleted, so nothing of a forgotten item stays there). Per user, not global like
FTS5's: a user's own conversations are the corpus their search ranks, and writes of different
users never touch the same statistics rows (the trigger takes the user's advisory lock,
``USER_LOCKS``, so two writers of one user cannot deadlock on them). On one user's data the scores
equal SQLite's (``tests/test_pg_bm25.py``). Remaining differences: PostgreSQL's stemmer is Snowball
English (SQLite: Porter) and its ``english`` configuration drops stop words from documents.
The tables are derived: never exported (:data:`DERIVED_TABLES`), rebuilt as rows are imported. The
migration ``memory_v2`` (``amity.store.postgres.SCHEMA``) builds them from the rows of an older database.
"""

from __future__ import annotations

USER_LOCKS = 4244  # advisory lock (USER_LOCKS, hashtext(user id)) of a user's rows; pg_database takes it too


def _changes(event: str, rows: str) -> str:
    """The trigger function of one event: the statement's rows (``sign`` +1 new, -1 old) → the deltas of
    each lexeme's document frequency and of each user's items and tokens, handed to ``memory_terms_apply``.
    Static SQL (one function per event, as each sees other transition tables) keeps its plans cached."""
    return f"""
CREATE FUNCTION memory_terms_on_{event}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_users TEXT[]; v_lexemes TEXT[]; v_dfs INTEGER[];
    v_stat_users TEXT[]; v_items INTEGER[]; v_tokens BIGINT[];
BEGIN
    SELECT coalesce(array_agg(user_id ORDER BY user_id), '{{}}'), array_agg(n ORDER BY user_id),
           array_agg(t ORDER BY user_id)
        INTO v_stat_users, v_items, v_tokens
        FROM (SELECT user_id, sum(sign)::int AS n, sum(sign * doc_len)::bigint AS t FROM ({rows}) r
              GROUP BY 1 HAVING sum(sign) <> 0 OR sum(sign * doc_len) <> 0) s;
    SELECT coalesce(array_agg(user_id ORDER BY user_id, lexeme), '{{}}'),
           array_agg(lexeme ORDER BY user_id, lexeme), array_agg(n ORDER BY user_id, lexeme)
        INTO v_users, v_lexemes, v_dfs
        FROM (SELECT user_id, lexeme, sum(sign)::int AS n
              FROM ({rows}) r, unnest(tsvector_to_array(r.tsv)) AS lexeme
              GROUP BY 1, 2 HAVING sum(sign) <> 0) d;
    IF cardinality(v_users) > 0 OR cardinality(v_stat_users) > 0 THEN
        PERFORM memory_terms_apply(v_users, v_lexemes, v_dfs, v_stat_users, v_items, v_tokens);
    END IF;
    RETURN NULL;
END $$;"""


NEW_ROWS, OLD_ROWS = (
    "SELECT user_id, tsv, doc_len, 1 AS sign FROM new_rows",
    "SELECT user_id, tsv, doc_len, -1 FROM old_rows",
)
ON_INSERT, ON_DELETE = _changes("insert", NEW_ROWS), _changes("delete", OLD_ROWS)
ON_UPDATE = _changes("update", f"{NEW_ROWS} UNION ALL {OLD_ROWS}")
# BM25's statistics, per user: documents per lexeme, items and tokens (the triggers above keep them).
MEMORY_BM25 = f"""
ALTER TABLE memory_items ADD COLUMN doc_len INTEGER GENERATED ALWAYS AS (
    cardinality(array_remove(regexp_split_to_array(text, '[^[:alnum:]]+'), ''))
    + cardinality(array_remove(regexp_split_to_array(context, '[^[:alnum:]]+'), ''))
) STORED;
CREATE TABLE memory_terms (
    user_id TEXT NOT NULL, lexeme TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (user_id, lexeme)
);
CREATE TABLE memory_term_stats (user_id TEXT PRIMARY KEY, items INTEGER NOT NULL, tokens BIGINT NOT NULL);
INSERT INTO memory_terms (user_id, lexeme, df)
    SELECT user_id, lexeme, count(*) FROM memory_items, unnest(tsvector_to_array(tsv)) AS lexeme GROUP BY 1, 2;
INSERT INTO memory_term_stats (user_id, items, tokens)
    SELECT user_id, count(*), sum(doc_len) FROM memory_items GROUP BY 1;
CREATE FUNCTION memory_terms_apply(v_users TEXT[], v_lexemes TEXT[], v_dfs INTEGER[],
                                   v_stat_users TEXT[], v_items INTEGER[], v_tokens BIGINT[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_user TEXT;
BEGIN
    -- one writer per user at a time: two transactions never lock the same rows in opposite orders
    FOR v_user IN SELECT DISTINCT x FROM unnest(v_stat_users || v_users) AS x ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock({USER_LOCKS}, hashtext(v_user));
    END LOOP;
    INSERT INTO memory_terms AS t (user_id, lexeme, df)
        SELECT * FROM unnest(v_users, v_lexemes, v_dfs) ORDER BY 1, 2
        ON CONFLICT (user_id, lexeme) DO UPDATE SET df = t.df + EXCLUDED.df;
    DELETE FROM memory_terms AS t USING unnest(v_users, v_lexemes) AS d(u, l)
        WHERE t.user_id = d.u AND t.lexeme = d.l AND t.df <= 0;
    INSERT INTO memory_term_stats AS s (user_id, items, tokens)
        SELECT * FROM unnest(v_stat_users, v_items, v_tokens) ORDER BY 1
        ON CONFLICT (user_id) DO UPDATE SET items = s.items + EXCLUDED.items, tokens = s.tokens + EXCLUDED.tokens;
    DELETE FROM memory_term_stats WHERE user_id = ANY(v_stat_users) AND items <= 0;
END $$;
{_changes("insert", "SELECT user_id, tsv, doc_len, 1 AS sign FROM new_rows")}
{_changes("delete", "SELECT user_id, tsv, doc_len, -1 AS sign FROM old_rows")}
{
    _changes(
        "update",
        "SELECT user_id, tsv, doc_len, 1 AS sign FROM new_rows "
        "UNION ALL SELECT user_id, tsv, doc_len, -1 AS sign FROM old_rows",
    )
}
CREATE TRIGGER memory_terms_insert AFTER INSERT ON memory_items
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_terms_on_insert();
CREATE TRIGGER memory_terms_delete AFTER DELETE ON memory_items
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_terms_on_delete();
CREATE TRIGGER memory_terms_update AFTER UPDATE ON memory_items
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION memory_terms_on_update();
"""
DERIVED_TABLES = frozenset({"memory_terms", "memory_term_stats"})  # rebuilt from memory_items: never exported

# Okapi BM25 as FTS5's bm25() computes it (k1, b; the context column at half the text's weight). Lengths count
# one token more than the text and context hold: SQLite's FTS rows also hold the owner token (schema_memory),
# which FTS5 counts in a row's and the average length; the same lengths here keep both stores' scores equal,
# so one re-ranker serves both.
BM25_K1, BM25_B, CONTEXT_WEIGHT = 1.2, 0.75, 0.5
BM25_SQL = """
WITH q AS (
    SELECT l.lexeme FROM unnest(%s::text[]) AS w(word),
        unnest(tsvector_to_array(to_tsvector('english', w.word))) AS l(lexeme)
), s AS (
    SELECT items::float8 AS n, tokens::float8 / items + 1 AS avgdl FROM memory_term_stats
    WHERE user_id = %s AND items > 0
), w AS (
    SELECT q.lexeme, sum(greatest(ln((s.n - d.df + 0.5) / (d.df + 0.5)), 1e-6)) AS idf
    FROM q JOIN memory_terms d ON d.user_id = %s AND d.lexeme = q.lexeme CROSS JOIN s GROUP BY q.lexeme
), ql AS MATERIALIZED (  -- once, not once per row
    SELECT array_agg(lexeme) AS lexemes FROM w
)
SELECT m.id, sum(f.idf * f.tf * %s / (f.tf + %s * (%s + %s * (m.doc_len + 1) / s.avgdl))) AS score
FROM memory_items m CROSS JOIN s CROSS JOIN ql CROSS JOIN LATERAL (
    SELECT w.idf, cardinality(array_positions(u.weights, 'C')) * (1 - %s) + cardinality(u.weights) * %s AS tf
    FROM unnest(ts_filter(
        setweight(ts_filter(m.tsv, '{{a}}'), 'C', ql.lexemes) || setweight(ts_filter(m.tsv, '{{b}}'), 'D', ql.lexemes),
        '{{c,d}}'
    )) AS u JOIN w ON w.lexeme = u.lexeme
) f
WHERE m.user_id = %s AND m.tsv @@ ({tsquery}){kinds}
GROUP BY m.id, m.created_at ORDER BY score DESC, m.created_at DESC LIMIT %s
"""
