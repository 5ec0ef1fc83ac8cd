"""The service's settings: `MINQING_*` environment variables, or a TOML file named by `MINQING_CONFIG`."""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Annotated, Any, get_args, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from dispatch.calendar import OfficeHours

logger = logging.getLogger(__name__)

PREFIX = "MINQING_"
CONFIG_VARIABLE = f"{PREFIX}CONFIG"
# MINQING_ names that are not settings but are known (the test suite's PostgreSQL server).
_NOT_SETTINGS = frozenset({CONFIG_VARIABLE, f"{PREFIX}TEST_PG_URL"})
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


class Secret:
    """A secret value that never shows itself in repr, str or logs; `reveal()` gives it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself, for the one place that must send it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def _text(raw: str) -> str:
    return raw


def _integer(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not an integer") from None


def _port(raw: str) -> int:
    value = _integer(raw)
    if not 0 <= value <= 65535:
        raise ValueError(f"{value} is not a port number (0-65535)")
    return value


def _boolean(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{raw!r} is not a boolean (true/false, yes/no, 1/0, on/off)")


def _zone(raw: str) -> ZoneInfo:
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{raw!r} is not an IANA time zone such as Asia/Shanghai") from None


_DRIVERS = frozenset({"sqlite", "sqlite+aiosqlite", "postgresql", "postgres", "postgresql+asyncpg"})


def _database_url(raw: str) -> str:
    """Accept SQLite and PostgreSQL URLs; the message never repeats the URL (it may hold a password)."""
    usage = "use sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"
    try:
        url = make_url(raw)
        port = url.port
    except (ArgumentError, ValueError):
        raise ValueError(f"not a database URL: {usage}") from None
    if url.drivername not in _DRIVERS:
        raise ValueError(f"the {url.drivername!r} driver is not supported: {usage}")
    if port is not None and not 1 <= port <= 65535:
        raise ValueError(f"the port {port} is out of range: {usage}")
    if "sslmode" in url.query:
        raise ValueError("sslmode is a libpq option; asyncpg takes ?ssl=require (or verify-full)")
    return raw


def _host(raw: str) -> str:
    host = raw.strip()
    if not host:
        raise ValueError("is empty; give an address (0.0.0.0 listens on every interface)")
    return host


def _log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in _LOG_LEVELS:
        raise ValueError(f"{raw!r} is not one of {', '.join(_LOG_LEVELS)}")
    return level


# Each field's annotation carries the function that parses its text.
Text = Annotated[str, _text]
MaybeText = Annotated[str | None, _text]
MaybeSecret = Annotated[Secret | None, Secret]
Port = Annotated[int, _port]


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of ARCHITECTURE.md, typed; a field `foo` is read from `MINQING_FOO` or `foo`."""

    database_url: Annotated[str, _database_url] = field(default="sqlite:///var/minqing.db", repr=False)
    host: Annotated[str, _host] = "127.0.0.1"
    port: Port = 8080
    agi_port: Port = 4573  # 0 turns FastAGI off
    wechat_token: MaybeSecret = None
    wechat_appid: MaybeText = None
    wechat_secret: MaybeSecret = None
    wechat_aes_key: MaybeSecret = None
    wechat_api_base: Text = "https://api.weixin.qq.com"
    wecom_corpid: MaybeText = None
    wecom_agentid: MaybeText = None
    wecom_secret: MaybeSecret = None
    wecom_token: MaybeSecret = None
    wecom_aes_key: MaybeSecret = None
    wecom_api_base: Text = "https://qyapi.weixin.qq.com"
    ami_host: MaybeText = None
    ami_port: Port = 5038
    ami_user: MaybeText = None
    ami_secret: MaybeSecret = None
    imap_host: MaybeText = None
    imap_port: Port = 993
    imap_user: MaybeText = None
    imap_password: MaybeSecret = None
    imap_tls: Annotated[bool, _boolean] = True
    smtp_host: MaybeText = None
    smtp_port: Port = 587
    smtp_user: MaybeText = None
    smtp_password: MaybeSecret = None
    mail_from: MaybeText = None
    vosk_model: Annotated[Path | None, Path] = None
    timezone: Annotated[ZoneInfo, _zone] = field(default=ZoneInfo("Asia/Shanghai"))
    office_hours: Annotated[OfficeHours, OfficeHours.parse] = field(default=OfficeHours())
    log_level: Annotated[str, _log_level] = "INFO"

    @classmethod
    def load(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Read the TOML file named by MINQING_CONFIG (if any), then the environment, which wins."""
        hints = get_type_hints(cls, include_extras=True)
        names = {spec.name for spec in fields(cls)}
        raw: dict[str, tuple[str, Any]] = {}
        config_path = environ.get(CONFIG_VARIABLE)
        if config_path:
            for key, value in _read_toml(Path(config_path)).items():
                where = f"{key} in {config_path}"
                if key in names:
                    raw[key] = (where, value)
                else:
                    logger.warning("unknown setting %s ignored", where)
        for variable, value in environ.items():
            if not variable.startswith(PREFIX) or variable in _NOT_SETTINGS:
                continue
            key = variable.removeprefix(PREFIX).lower()
            if key in names:
                raw[key] = (variable, value)
            else:
                logger.warning("unknown setting %s ignored", variable)
        return cls(**{key: _parse(hints[key], where, value) for key, (where, value) in raw.items()})

    @property
    def database_url_display(self) -> str:
        """The database URL with any password hidden, for logs and messages."""
        return make_url(self.database_url).render_as_string(hide_password=True)

    @property
    def wechat_enabled(self) -> bool:
        """The WeChat official account is configured (token, appid and secret)."""
        return bool(self.wechat_token and self.wechat_appid and self.wechat_secret)

    @property
    def wecom_enabled(self) -> bool:
        """The WeCom app is configured (corp id, agent id, secret, token and AES key)."""
        return bool(
            self.wecom_corpid
            and self.wecom_agentid
            and self.wecom_secret
            and self.wecom_token
            and self.wecom_aes_key
        )

    @property
    def hotline_ami_enabled(self) -> bool:
        """Asterisk's manager interface is configured (host, user and secret)."""
        return bool(self.ami_host and self.ami_user and self.ami_secret)

    @property
    def agi_enabled(self) -> bool:
        """FastAGI (the IVR) listens: its port is not 0."""
        return self.agi_port != 0

    @property
    def imap_enabled(self) -> bool:
        """The mailbox poller is configured (host, user and password)."""
        return bool(self.imap_host and self.imap_user and self.imap_password)

    @property
    def smtp_enabled(self) -> bool:
        """Outbound e-mail is configured (host and sender address)."""
        return bool(self.smtp_host and self.mail_from)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except OSError as error:
        raise SettingsError(f"{CONFIG_VARIABLE}: cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{CONFIG_VARIABLE}: {path} is not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise SettingsError(f"{CONFIG_VARIABLE}: {path} is not UTF-8 text (save it as UTF-8)") from None


def _parse(annotation: Any, where: str, value: Any) -> Any:
    """Turn one raw value (text from the environment, or a TOML value) into its field's type."""
    parse = annotation.__metadata__[0]
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, int | float):
        value = str(value)
    elif not isinstance(value, str):
        raise SettingsError(f"{where}: expected text or a number, got {type(value).__name__}")
    if value == "" and type(None) in get_args(annotation.__origin__):
        return None
    try:
        return parse(value)
    except ValueError as error:
        raise SettingsError(f"{where}: {error}") from None
