-- Run history, version 1. Portable SQL: the same script runs on SQLite and PostgreSQL, so only
-- TEXT, INTEGER, BIGINT, SMALLINT and DOUBLE PRECISION columns; times are ISO-8601 UTC text
-- (they sort as they read); booleans are SMALLINT 0/1. Statements end with a semicolon at the end
-- of a line (Migrations splits on that).

-- One row per run, inserted as 'incomplete' when the run starts and completed when it ends.
CREATE TABLE runs (
    id              TEXT PRIMARY KEY,
    task            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    model           TEXT,
    dataset_sha256  TEXT,
    test_sha256     TEXT,
    test_examples   INTEGER,
    config          TEXT NOT NULL,
    hone_version    TEXT,
    java_version    TEXT,
    seed            BIGINT,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    out             TEXT NOT NULL,
    status          TEXT NOT NULL,
    primary_metric  TEXT,
    recommended     TEXT,
    decision_status TEXT,
    decision_reason TEXT
);
CREATE INDEX runs_by_task ON runs (task, started_at);

-- A prompt version: the hash Hone records in results.json (prompt_sha256) and, when known, its templates.
CREATE TABLE prompts (
    sha256 TEXT PRIMARY KEY,
    text   TEXT
);

-- One row per candidate; score is the run's primary metric on test (accuracy for classification).
CREATE TABLE candidates (
    run_id               TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    position             INTEGER NOT NULL,
    kind                 TEXT NOT NULL,
    score                DOUBLE PRECISION,
    macro_f1             DOUBLE PRECISION,
    ci_low               DOUBLE PRECISION,
    ci_high              DOUBLE PRECISION,
    selection_score      DOUBLE PRECISION,
    latency_ms_p50       DOUBLE PRECISION,
    latency_ms_p95       DOUBLE PRECISION,
    throughput_per_s     DOUBLE PRECISION,
    train_seconds        DOUBLE PRECISION,
    trainable_parameters BIGINT,
    total_parameters     BIGINT,
    monthly_cost_usd     DOUBLE PRECISION,
    training_cost_usd    DOUBLE PRECISION,
    per_request_usd      DOUBLE PRECISION,
    upfront_usd          DOUBLE PRECISION,
    prompt_sha256        TEXT REFERENCES prompts (sha256),
    PRIMARY KEY (run_id, name)
);

-- Every test prediction, so two runs on the same test set compare example by example.
CREATE TABLE predictions (
    run_id         TEXT NOT NULL,
    candidate      TEXT NOT NULL,
    example_index  INTEGER NOT NULL,
    example_sha256 TEXT NOT NULL,
    gold           TEXT,
    predicted      TEXT,
    score          DOUBLE PRECISION,
    correct        SMALLINT,
    PRIMARY KEY (run_id, candidate, example_index),
    FOREIGN KEY (run_id, candidate) REFERENCES candidates (run_id, name) ON DELETE CASCADE
);
