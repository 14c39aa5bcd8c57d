import GRDB

/// The database's versioned migrations, run in order at start. A migration once shipped is never
/// edited: a change of schema is a new migration appended here.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-service") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('secretariat', 'beneficiary', 'peer', 'methodologist')),
                    country TEXT,
                    language TEXT NOT NULL DEFAULT 'en',
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL,
                    CHECK ((role IN ('beneficiary', 'peer')) = (country IS NOT NULL))
                );
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    csrf TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                );
                CREATE TABLE api_tokens (
                    id TEXT PRIMARY KEY,
                    token_hash TEXT NOT NULL UNIQUE,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    name TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    last_used_at TEXT
                );
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY,
                    country TEXT NOT NULL,
                    title TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
                    submitted_revision INTEGER,
                    latest_revision INTEGER NOT NULL,
                    created_by TEXT NOT NULL REFERENCES users(id),
                    created_at TEXT NOT NULL
                );
                CREATE TABLE case_revisions (
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    number INTEGER NOT NULL,
                    format TEXT NOT NULL CHECK (format IN ('yaml', 'json')),
                    body BLOB NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    author TEXT NOT NULL REFERENCES users(id),
                    created_at TEXT NOT NULL,
                    validation TEXT,
                    PRIMARY KEY (case_id, number)
                );
                CREATE TRIGGER case_revisions_immutable BEFORE UPDATE ON case_revisions
                BEGIN SELECT RAISE(ABORT, 'case revisions are immutable'); END;
                CREATE TRIGGER case_revisions_kept BEFORE DELETE ON case_revisions
                BEGIN SELECT RAISE(ABORT, 'case revisions are kept'); END;
                CREATE TABLE rounds (
                    id TEXT PRIMARY KEY,
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    country TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    framework TEXT NOT NULL,
                    language TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'published')),
                    follow_up_requested INTEGER NOT NULL DEFAULT 0,
                    opened_by TEXT NOT NULL REFERENCES users(id),
                    opened_at TEXT NOT NULL,
                    published_at TEXT,
                    FOREIGN KEY (case_id, revision) REFERENCES case_revisions(case_id, number)
                );
                CREATE TABLE round_peers (
                    round_id TEXT NOT NULL REFERENCES rounds(id),
                    country TEXT NOT NULL,
                    institution TEXT,
                    PRIMARY KEY (round_id, country)
                );
                CREATE TABLE assessments (
                    id TEXT PRIMARY KEY,
                    round_id TEXT NOT NULL REFERENCES rounds(id),
                    revision INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
                    framework_id TEXT,
                    framework_version TEXT,
                    framework_sha256 TEXT,
                    levels TEXT,
                    result BLOB,
                    error TEXT,
                    created_by TEXT NOT NULL REFERENCES users(id),
                    created_at TEXT NOT NULL
                );
                CREATE TABLE peer_inputs (
                    round_id TEXT NOT NULL REFERENCES rounds(id),
                    country TEXT NOT NULL,
                    document TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
                    updated_by TEXT NOT NULL REFERENCES users(id),
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (round_id, country),
                    FOREIGN KEY (round_id, country) REFERENCES round_peers(round_id, country)
                );
                CREATE TABLE agreed_levels (
                    round_id TEXT NOT NULL REFERENCES rounds(id),
                    indicator TEXT NOT NULL,
                    level TEXT NOT NULL,
                    justification TEXT NOT NULL,
                    author TEXT NOT NULL REFERENCES users(id),
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (round_id, indicator)
                );
                CREATE TABLE comments (
                    round_id TEXT PRIMARY KEY REFERENCES rounds(id),
                    text TEXT NOT NULL,
                    author TEXT NOT NULL REFERENCES users(id),
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE reports (
                    round_id TEXT NOT NULL REFERENCES rounds(id),
                    format TEXT NOT NULL,
                    language TEXT NOT NULL,
                    body BLOB NOT NULL,
                    sha256 TEXT NOT NULL,
                    PRIMARY KEY (round_id, format, language)
                );
                CREATE TABLE test_runs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    framework TEXT NOT NULL,
                    version TEXT NOT NULL,
                    content_sha256 TEXT NOT NULL,
                    passed INTEGER NOT NULL,
                    output TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    user_id TEXT,
                    username TEXT,
                    role TEXT,
                    action TEXT NOT NULL,
                    object_type TEXT,
                    object_id TEXT,
                    country TEXT,
                    detail TEXT
                );
                CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE INDEX audit_log_action ON audit_log(action);
                CREATE INDEX assessments_round ON assessments(round_id);
                """)
        }
        migrator.registerMigration("2-follow-up") { db in
            try db.execute(sql: """
                CREATE TABLE follow_ups (
                    round_id TEXT PRIMARY KEY REFERENCES rounds(id),
                    document TEXT NOT NULL,
                    author TEXT NOT NULL REFERENCES users(id),
                    updated_at TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("3-annexes") { db in
            // Files attached to a case's document register, kept by content hash, never changed.
            try db.execute(sql: """
                CREATE TABLE annexes (
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    sha256 TEXT NOT NULL,
                    filename TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    revision INTEGER NOT NULL,
                    uploaded_by TEXT NOT NULL REFERENCES users(id),
                    uploaded_at TEXT NOT NULL,
                    PRIMARY KEY (case_id, sha256)
                );
                CREATE TRIGGER annexes_immutable BEFORE UPDATE ON annexes
                BEGIN SELECT RAISE(ABORT, 'annexes are immutable'); END;
                CREATE TRIGGER annexes_kept BEFORE DELETE ON annexes
                BEGIN SELECT RAISE(ABORT, 'annexes are kept'); END;
                """)
        }
        return migrator
    }
}
