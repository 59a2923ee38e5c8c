"""Log files: in the data folder's logs/, rotated, and never holding a secret."""

from __future__ import annotations

import logging

from pos_app.config import Paths
from pos_app.logging_setup import (
    BACKUP_COUNT,
    LOG_FILE,
    MAX_BYTES,
    log_files,
    redact,
    register_secret,
    setup_logging,
)


def test_log_lines_go_to_the_data_folder(tmp_path):
    paths = Paths.resolve(tmp_path)
    path = setup_logging(paths, "INFO")
    logging.getLogger("pos_app.test").info("sale %s paid: %s ₫", "Q01-20261123-0001", 125000)
    logging.getLogger("pos_app.test").debug("not at INFO")
    assert path == tmp_path / "logs" / LOG_FILE
    text = path.read_text(encoding="utf-8")
    assert "sale Q01-20261123-0001 paid: 125000 ₫" in text
    assert "INFO" in text and "pos_app.test" in text
    assert "not at INFO" not in text


def test_files_rotate_and_only_the_newest_are_kept(tmp_path):
    assert (MAX_BYTES, BACKUP_COUNT) == (2 * 1024 * 1024, 5)
    paths = Paths.resolve(tmp_path)
    setup_logging(paths, logging.INFO, max_bytes=2_000, backup_count=3)
    log = logging.getLogger("pos_app.rotation")
    for n in range(200):
        log.info("line %04d %s", n, "x" * 60)
    files = log_files(paths)
    assert [f.name for f in files] == [LOG_FILE] + [f"{LOG_FILE}.{i}" for i in (1, 2, 3)]
    assert all(f.stat().st_size <= 2_000 for f in files)
    assert "line 0199" in files[0].read_text(encoding="utf-8")
    assert "line 0000" not in "".join(f.read_text(encoding="utf-8") for f in files)


def test_setting_up_twice_keeps_one_file_handler(tmp_path):
    paths = Paths.resolve(tmp_path)
    setup_logging(paths)
    setup_logging(paths)
    logging.getLogger("pos_app.twice").warning("once")
    assert (tmp_path / "logs" / LOG_FILE).read_text(encoding="utf-8").count("once") == 1


def test_console_output_keeps_its_level_when_the_file_takes_info(tmp_path):
    root = logging.getLogger()
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("%(message)s"))
    root.addHandler(console)
    root.setLevel(logging.WARNING)
    setup_logging(Paths.resolve(tmp_path), logging.INFO)
    assert console.level == logging.WARNING
    assert root.level == logging.INFO


def test_secrets_never_reach_the_file(tmp_path):
    paths = Paths.resolve(tmp_path)
    setup_logging(paths)
    register_secret("till-token-0123456789abcdef")
    log = logging.getLogger("pos_app.sync")
    log.warning("push failed with headers {'Authorization': 'Bearer abc.DEF-123_xyz'}")
    log.warning("enrolled: token=tok_9f8e7d6c5b4a, registry https://till:s3cretpw@reg.example/")
    log.warning("manager pin_hash=%s", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g")
    log.warning("config %s", {"registry_token": "rt-55aa66bb", "password": "hunter22"})
    log.warning("the token is %s", "till-token-0123456789abcdef")
    try:
        raise RuntimeError("bad answer for Bearer zzz.yyy.xxx")
    except RuntimeError:
        log.exception("traceback with a token")
    log.warning("bank account 0011004455667 for VietQR")  # not a secret: stays readable

    text = (tmp_path / "logs" / LOG_FILE).read_text(encoding="utf-8")
    for secret in ("abc.DEF-123_xyz", "tok_9f8e7d6c5b4a", "s3cretpw", "$argon2id$v=19",
                   "aGFzaGhhc2g", "rt-55aa66bb", "hunter22", "till-token-0123456789abcdef",
                   "zzz.yyy.xxx"):
        assert secret not in text, secret
    assert "Bearer ***" in text
    assert "0011004455667" in text
    assert "https://till:***@reg.example/" in text


def test_redact_leaves_ordinary_text_alone():
    text = "sale Q01-20261123-0042: 2 × Kẹo lạc Đường Lâm, pinned to top, tokens left 3"
    assert redact(text) == text


def test_start_logging_uses_the_data_folder_and_masks_secret_settings(tmp_path):
    from pos_app.config import SETTINGS, Setting, _declare
    from pos_app.logging_setup import start_logging

    _declare(Setting("test_till_secret", str, "", "a secret (test)", secret=True))
    (tmp_path / "settings.json").write_text('{"test_till_secret": "s3cr3t-value-42"}',
                                            encoding="utf-8")
    try:
        path = start_logging(str(tmp_path))
        logging.getLogger("pos_app.x").warning("value is s3cr3t-value-42")
    finally:
        SETTINGS.pop("test_till_secret", None)
    assert path == tmp_path / "logs" / LOG_FILE
    assert "value is ***" in path.read_text(encoding="utf-8")


def test_start_logging_never_stops_the_program(tmp_path):
    from pos_app.logging_setup import start_logging

    blocked = tmp_path / "data"
    blocked.mkdir()
    (blocked / "logs").write_text("a file where the log folder should be", encoding="utf-8")
    assert start_logging(str(blocked)) is None
