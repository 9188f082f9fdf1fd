"""TLS for the seats: the host's certificate and key, and how a seat trusts them.

`exercise host --tls CERT KEY` serves with the given files; `--tls` alone makes a
self-signed certificate the first time (an ECDSA P-256 key, with the `cryptography`
package, no network) and keeps it beside the journal, readable by the owner only, so a
resumed session keeps it and the seats' pins still hold. The host prints the
certificate's SHA-256 fingerprint; `exercise join --fingerprint` pins it: the seat
accepts that certificate and no other, whoever signed it, and checks it before it sends
its join code. Without a pin a seat trusts what the system trusts (a certificate from the
organisation's own authority).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import ipaddress
import os
import re
import ssl
import stat
from pathlib import Path

from ..language import phrase

CERT_SUFFIX = "-tls.pem"
KEY_SUFFIX = "-tls.key"
VALID_DAYS = 3 * 365  # a self-signed certificate outlives any exercise's preparation
_FINGERPRINT = re.compile(r"^[0-9A-F]{64}$")
_MAX_FILE = 256 * 1024
URL_PIN = "fp="  # the join address's fragment that carries the fingerprint


class TLSError(ValueError):
    """A certificate or key that cannot be used: a message for people, a `language.Phrase`
    said in the reader's language where it is shown."""


def fingerprint(der: bytes) -> str:
    """The SHA-256 of a certificate (DER), as browsers show it: AB:CD:..."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[n : n + 2] for n in range(0, len(digest), 2))


def parse_fingerprint(text: str) -> str | None:
    """A fingerprint as typed (colons, spaces, any case, `sha256:` before it), or None."""
    bare = re.sub(r"[\s:]", "", text.strip().removeprefix("sha256:").removeprefix("SHA256:"))
    bare = bare.upper()
    return fingerprint_of_hex(bare) if _FINGERPRINT.match(bare) else None


def fingerprint_of_hex(bare: str) -> str:
    return ":".join(bare[n : n + 2] for n in range(0, len(bare), 2))


def pinned_url(url: str, pin: str) -> str:
    """The join address carrying the fingerprint: `wss://host:port/#fp=HEX`. A fragment is
    never sent to any server (no log keeps it) and the browser page ignores it."""
    return f"{url}#{URL_PIN}{pin.replace(':', '')}"


def split_url(url: str) -> tuple[str, str | None]:
    """The address to connect to and the fingerprint it carries (None when it carries
    none); a fragment that is not a fingerprint of a wss:// address is a TLSError."""
    base, mark, fragment = url.partition("#")
    if not mark:
        return url, None
    pin = (
        parse_fingerprint(fragment.removeprefix(URL_PIN)) if fragment.startswith(URL_PIN) else None
    )
    if pin is None:
        raise TLSError(
            phrase(
                "{pin}: 64 hexadecimal digits after the address's #, as the host printed it",
                pin=URL_PIN,
            )
        )
    if not base.startswith("wss://"):
        raise TLSError(phrase("a fingerprint pins a wss:// host's certificate; this is ws://"))
    return base, pin


def pem_fingerprint(cert: Path) -> str:
    """The fingerprint of the first certificate in a PEM file."""
    text = _read(cert).decode("ascii", "replace")
    try:
        der = ssl.PEM_cert_to_DER_cert(text[text.index("-----BEGIN CERTIFICATE-----") :])
    except ValueError:
        raise TLSError(phrase("{file}: not a PEM certificate", file=str(cert))) from None
    return fingerprint(der)


def self_signed(journal: Path, names: list[str]) -> tuple[Path, Path]:
    """The certificate and key kept beside `journal`, made now if there are none (valid for
    `names`: host names and addresses the seats use, and this machine's loopback)."""
    cert, key = Path(f"{journal}{CERT_SUFFIX}"), Path(f"{journal}{KEY_SUFFIX}")
    if cert.exists() or key.exists():
        _check_ours(key)
        return cert, key
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "exercise host")])
    alternatives: list[x509.GeneralName] = []
    for name in dict.fromkeys(["localhost", "127.0.0.1", "::1", *names]):
        try:
            alternatives.append(x509.IPAddress(ipaddress.ip_address(name.strip("[]"))))
        except ValueError:
            if name and name not in ("0.0.0.0", "::"):
                alternatives.append(x509.DNSName(name))
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    key_bytes = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write(key, key_bytes)
    _write(cert, certificate.public_bytes(serialization.Encoding.PEM))
    return cert, key


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    for path in (cert, key):
        if not path.is_file():
            raise TLSError(phrase("{file}: no such file", file=str(path)))
    try:
        context.load_cert_chain(cert, key)
    except (ssl.SSLError, OSError) as err:
        raise TLSError(
            phrase(
                "{cert}, {key}: not a certificate and its key ({error})",
                cert=str(cert),
                key=str(key),
                error=str(err),
            )
        ) from None
    return context


def client_context(pin: str | None) -> ssl.SSLContext:
    """With a pin, any certificate (checked against the pin once connected, see `matches`);
    without, what the system trusts, for the host name in the address."""
    context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if pin is not None:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def matches(ssl_object: ssl.SSLObject | None, pin: str) -> bool:
    """Whether the connection's certificate is the pinned one."""
    der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    return der is not None and fingerprint(der) == pin


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def _check_ours(key: Path) -> None:
    """A kept key must be a plain file of ours that others cannot read."""
    try:
        info = os.lstat(key)
    except OSError:
        raise TLSError(
            phrase("{file}: missing beside its certificate; remove both to make new", file=str(key))
        ) from None
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise TLSError(
            phrase("{file}: not a private file of this user (mode 0600); remove it", file=str(key))
        )


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_FILE + 1)
    except OSError as err:
        raise TLSError(
            phrase("{file}: cannot be read ({error})", file=str(path), error=str(err.strerror))
        ) from None
    if len(data) > _MAX_FILE:
        raise TLSError(phrase("{file}: too large to be a certificate", file=str(path)))
    return data
