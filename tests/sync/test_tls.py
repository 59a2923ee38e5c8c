"""TLS is verified: a registry whose certificate the till cannot check is refused (``tls``);
with the showroom's CA bundle configured, the same registry is trusted."""

from __future__ import annotations

import datetime as dt
import ipaddress
import subprocess

import pytest

from pos_app.registry.store import RegistryStore
from pos_app.sync.client import RegistryClient, SyncError
from tests.sync.conftest import start_registry_process

x509 = pytest.importorskip("cryptography.x509")


def _write_ca_and_server_cert(folder):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OCOP test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(
              digital_signature=True, content_commitment=False, key_encipherment=False,
              data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
              encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                         critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = {name: folder / f"{name}.pem" for name in ("ca", "cert", "key")}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return paths


def test_the_registry_certificate_is_verified_against_the_configured_ca(tmp_path):
    paths = _write_ca_and_server_cert(tmp_path)
    db_url = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    store = RegistryStore(db_url)
    store.create_showroom("HN01", "TLS")
    token = store.enroll_till("HN01", "Q01")
    store.close()
    process, url, _ = start_registry_process(db_url, tmp_path, "--certfile", str(paths["cert"]),
                                             "--keyfile", str(paths["key"]))
    try:
        assert url.startswith("https://")
        with pytest.raises(SyncError) as err:
            RegistryClient(url, token).health()
        assert err.value.code == "tls"
        trusted = RegistryClient(url, token, ca_bundle=str(paths["ca"]))
        assert trusted.health().till == "Q01"
        trusted.close()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
