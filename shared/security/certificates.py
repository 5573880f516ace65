"""The support center's self-signed certificate and how peers pin it.

Tandem does not rely on a public CA: the center makes its own key pair on first start, and every
console and client carries the certificate's SHA-256 fingerprint (in its config or the join link)
and refuses any other certificate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

# Long enough that nobody re-pins mid-deployment; the key never leaves the center's data folder.
CERT_VALIDITY_DAYS = 3650


def ensure_certificate(folder: Path, hostnames: list[str]) -> tuple[Path, Path]:
    """Return (cert, key) paths in ``folder``, making a new self-signed pair if there is none."""
    folder.mkdir(parents=True, exist_ok=True)
    cert_path = folder / "center-cert.pem"
    key_path = folder / "center-key.pem"
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Tandem support center")])
    alt_names: list[x509.GeneralName] = []
    for host in hostnames:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt_names.append(x509.DNSName(host))
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=CERT_VALIDITY_DAYS))
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path.touch(mode=0o600)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def fingerprint_of(cert_path: Path) -> str:
    """SHA-256 of the certificate's DER form, as lowercase hex: what peers pin."""
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def server_ssl_context(cert_path: Path, key_path: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert_path, key_path)
    return context


def normalise_fingerprint(text: str) -> str:
    """Accept 'AB:CD:…' or 'abcd…'; return 64 lowercase hex digits or raise ValueError."""
    digits = text.replace(":", "").strip().lower()
    if len(digits) != 64 or any(c not in "0123456789abcdef" for c in digits):
        raise ValueError("a certificate fingerprint is 64 hexadecimal digits (SHA-256)")
    return digits
