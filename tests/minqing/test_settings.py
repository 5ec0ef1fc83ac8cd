"""Settings come from MINQING_* or a TOML file, typed, with errors naming the variable."""

from __future__ import annotations

import logging
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from minqing.settings import Secret, Settings, SettingsError


def test_defaults_follow_architecture() -> None:
    settings = Settings.load({})
    assert settings.database_url == "sqlite:///var/minqing.db"
    assert (settings.host, settings.port, settings.agi_port) == ("127.0.0.1", 8080, 4573)
    assert settings.wechat_api_base == "https://api.weixin.qq.com"
    assert settings.wecom_api_base == "https://qyapi.weixin.qq.com"
    assert settings.timezone == ZoneInfo("Asia/Shanghai")
    assert settings.office_hours.periods == ((time(9), time(12)), (time(13), time(18)))
    assert settings.log_level == "INFO"
    assert not any(
        (
            settings.wechat_enabled,
            settings.wecom_enabled,
            settings.hotline_ami_enabled,
            settings.imap_enabled,
            settings.smtp_enabled,
        )
    )


def test_environment_values_are_typed() -> None:
    settings = Settings.load(
        {
            "MINQING_PORT": "9000",
            "MINQING_AGI_PORT": "0",
            "MINQING_IMAP_TLS": "no",
            "MINQING_TIMEZONE": "Asia/Urumqi",
            "MINQING_OFFICE_HOURS": "08:30-12:00, 14:30-17:30",
            "MINQING_LOG_LEVEL": "debug",
            "MINQING_VOSK_MODEL": "/opt/vosk",
            "MINQING_SMTP_HOST": "",
        }
    )
    assert settings.port == 9000
    assert settings.agi_port == 0 and not settings.agi_enabled
    assert settings.imap_tls is False
    assert settings.timezone == ZoneInfo("Asia/Urumqi")
    assert settings.office_hours.periods == ((time(8, 30), time(12)), (time(14, 30), time(17, 30)))
    assert settings.log_level == "DEBUG"
    assert settings.vosk_model == Path("/opt/vosk")
    assert settings.smtp_host is None


def test_toml_file_and_environment_wins(tmp_path: Path) -> None:
    config = tmp_path / "minqing.toml"
    config.write_text('port = 8181\nhost = "0.0.0.0"\nimap_tls = false\nwechat_appid = "wx123"\n')
    settings = Settings.load({"MINQING_CONFIG": str(config), "MINQING_PORT": "8282"})
    assert settings.port == 8282
    assert settings.host == "0.0.0.0"
    assert settings.imap_tls is False
    assert settings.wechat_appid == "wx123"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MINQING_PORT", "abc", "MINQING_PORT: 'abc' is not an integer"),
        ("MINQING_PORT", "70000", "MINQING_PORT: 70000 is not a port number"),
        ("MINQING_IMAP_TLS", "maybe", "MINQING_IMAP_TLS: 'maybe' is not a boolean"),
        ("MINQING_TIMEZONE", "Mars/Base", "MINQING_TIMEZONE: 'Mars/Base' is not an IANA time zone"),
        (
            "MINQING_OFFICE_HOURS",
            "18:00-09:00",
            "MINQING_OFFICE_HOURS: office hours: period 18:00-09:00 ends",
        ),
        ("MINQING_LOG_LEVEL", "LOUD", "MINQING_LOG_LEVEL: 'LOUD' is not one of"),
        (
            "MINQING_DATABASE_URL",
            "mysql://u:pw@h/db",
            "MINQING_DATABASE_URL: the 'mysql' driver is not supported",
        ),
        (
            "MINQING_DATABASE_URL",
            "postgresql+psycopg2://u:pw@h/db",
            "MINQING_DATABASE_URL: the 'postgresql+psycopg2' driver is not supported",
        ),
        ("MINQING_DATABASE_URL", "postgresql://u:pw@h:99999/db", "MINQING_DATABASE_URL: the port 99999"),
        ("MINQING_DATABASE_URL", "postgresql://u:pw@h/db?sslmode=require", "MINQING_DATABASE_URL: sslmode"),
        ("MINQING_HOST", "  ", "MINQING_HOST: is empty"),
    ],
)
def test_bad_values_name_the_variable(variable: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.load({variable: value})
    assert str(caught.value).startswith(message)
    assert "pw" not in str(caught.value)


def test_bad_toml_value_names_key_and_file(tmp_path: Path) -> None:
    config = tmp_path / "minqing.toml"
    config.write_text('smtp_port = "x"\n')
    with pytest.raises(SettingsError, match=r"smtp_port in .*minqing.toml: 'x' is not an integer"):
        Settings.load({"MINQING_CONFIG": str(config)})


def test_unreadable_or_invalid_config_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="MINQING_CONFIG: cannot read"):
        Settings.load({"MINQING_CONFIG": str(tmp_path / "absent.toml")})
    broken = tmp_path / "broken.toml"
    broken.write_text("port = \n")
    with pytest.raises(SettingsError, match="is not valid TOML"):
        Settings.load({"MINQING_CONFIG": str(broken)})
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes("# 配置\nport = 8081\n".encode("gbk"))
    with pytest.raises(SettingsError, match="is not UTF-8 text"):
        Settings.load({"MINQING_CONFIG": str(gbk)})


def test_unknown_names_are_warned_about(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = tmp_path / "minqing.toml"
    config.write_text("prot = 1\n")
    with caplog.at_level(logging.WARNING):
        Settings.load({"MINQING_CONFIG": str(config), "MINQING_WECHAT_TOKN": "x", "OTHER": "y"})
    assert "MINQING_WECHAT_TOKN" in caplog.text
    assert "prot in" in caplog.text
    assert "OTHER" not in caplog.text


def test_secrets_never_show() -> None:
    environ = {
        "MINQING_DATABASE_URL": "postgresql://minqing:hunter2@db.example/minqing",
        "MINQING_WECHAT_TOKEN": "tok-secret-1",
        "MINQING_WECHAT_APPID": "wx123",
        "MINQING_WECHAT_SECRET": "app-secret-2",
        "MINQING_WECOM_SECRET": "corp-secret-3",
        "MINQING_IMAP_PASSWORD": "mail-secret-4",
        "MINQING_SMTP_PASSWORD": "mail-secret-5",
        "MINQING_AMI_SECRET": "ami-secret-6",
    }
    settings = Settings.load(environ)
    shown = repr(settings) + str(settings) + f"{settings.wechat_secret}" + settings.database_url_display
    for secret in ("hunter2", "tok-secret", "app-secret", "corp-secret", "mail-secret", "ami-secret"):
        assert secret not in shown
    assert settings.wechat_secret == Secret("app-secret-2")
    assert settings.wechat_secret is not None and settings.wechat_secret.reveal() == "app-secret-2"
    assert settings.wechat_enabled


def test_channel_helpers() -> None:
    settings = Settings.load(
        {
            "MINQING_WECOM_CORPID": "ww1",
            "MINQING_WECOM_AGENTID": "1000002",
            "MINQING_WECOM_SECRET": "s",
            "MINQING_WECOM_TOKEN": "t",
            "MINQING_WECOM_AES_KEY": "k",
            "MINQING_AMI_HOST": "127.0.0.1",
            "MINQING_AMI_USER": "minqing",
            "MINQING_AMI_SECRET": "s",
            "MINQING_IMAP_HOST": "imap.example",
            "MINQING_IMAP_USER": "12345",
            "MINQING_IMAP_PASSWORD": "p",
            "MINQING_SMTP_HOST": "smtp.example",
            "MINQING_MAIL_FROM": "12345@example.gov.cn",
        }
    )
    assert settings.wecom_enabled and settings.hotline_ami_enabled
    assert settings.imap_enabled and settings.smtp_enabled
    assert not settings.wechat_enabled
    assert not Settings.load({"MINQING_WECOM_CORPID": "ww1"}).wecom_enabled
