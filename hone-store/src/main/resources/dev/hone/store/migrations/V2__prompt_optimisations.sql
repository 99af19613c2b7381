-- Run history, version 2: how an optimised candidate's prompt was searched (results.json's
-- optimization block), so the store holds the optimised prompt's text as a prompt version and
-- every trial with its score. Portable SQL, as version 1.

-- One row per candidate whose prompt was optimised; the prompts before and after are prompt
-- versions (their text is the prompt as it runs, hashed as PromptVersion hashes one text).
CREATE TABLE prompt_optimisations (
    run_id        TEXT NOT NULL,
    candidate     TEXT NOT NULL,
    method        TEXT NOT NULL,
    target        TEXT,
    scored_on     TEXT,
    examples      INTEGER NOT NULL,
    before_sha256 TEXT REFERENCES prompts (sha256),
    after_sha256  TEXT REFERENCES prompts (sha256),
    best_trial    INTEGER NOT NULL,
    max_trials    INTEGER NOT NULL,
    requests      BIGINT NOT NULL,
    input_tokens  BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    usd           DOUBLE PRECISION NOT NULL,
    seconds       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, candidate),
    FOREIGN KEY (run_id, candidate) REFERENCES candidates (run_id, name) ON DELETE CASCADE
);

-- Every prompt the search tried: a line saying what it is, its score on the training examples, whether it was kept.
CREATE TABLE prompt_trials (
    run_id    TEXT NOT NULL,
    candidate TEXT NOT NULL,
    trial     INTEGER NOT NULL,
    parent    INTEGER,
    prompt    TEXT NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    kept      SMALLINT NOT NULL,
    PRIMARY KEY (run_id, candidate, trial),
    FOREIGN KEY (run_id, candidate) REFERENCES prompt_optimisations (run_id, candidate) ON DELETE CASCADE
);
