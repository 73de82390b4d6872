"""Drives every hardware-token and U2F method of Duo's official python client (Debian's
python3-duo-client 4.5.0) against the emulator, unchanged: plain HTTP, default v2 signing.

Reads one JSON object from argv[1] (port, admin keys, a user id, a U2F registration id, the
HOTP secret) and prints one JSON object of results; any client error fails the run.
"""
import hashlib
import hmac
import json
import struct
import sys

import duo_client


def hotp(secret_hex, counter, digits=6):
    mac = hmac.new(bytes.fromhex(secret_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % (10 ** digits)
    return str(code).zfill(digits)


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    admin.paging_limit = 2
    secret = cfg["secret"]
    out = {"version": duo_client.__version__}

    h6 = admin.add_hotp6_token(serial="py-h6", secret=secret, counter=5)
    h8 = admin.add_hotp8_token(serial="py-h8", secret=secret)
    t6 = admin.add_totp6_token(serial="py-t6", secret=secret, totp_step=60)
    t8 = admin.add_totp8_token(serial="py-t8", secret=secret)
    yk = admin.add_yubikey_token(serial="1234567", private_id="a1" * 6, aes_key="b2" * 16)
    out["created"] = [{k: t[k] for k in ("token_id", "type", "serial", "totp_step")} for t in (h6, h8, t6, t8, yk)]
    out["tokens"] = sorted(t["serial"] for t in admin.get_tokens())
    out["tokens_page"] = [t["serial"] for t in admin.get_tokens(limit=2, offset=1)]
    out["tokens_generator"] = len(list(admin.get_tokens_generator()))
    out["by_serial"] = [t["token_id"] for t in admin.get_tokens_by_serial("h6", "py-h6")]
    out["by_id"] = admin.get_token_by_id(h6["token_id"])["serial"]
    # 4.5.0 signs parameter values as strings (an int raises in its canonicalization), so pass one.
    out["updated_step"] = admin.update_token(t8["token_id"], totp_step="60")["totp_step"]
    out["resync"] = admin.resync_hotp_token(h6["token_id"], hotp(secret, 9), hotp(secret, 10), hotp(secret, 11))

    user_id = cfg["user_id"]
    out["add_user_token"] = admin.add_user_token(user_id, h6["token_id"])
    admin.add_user_token(user_id, yk["token_id"])
    out["user_tokens"] = sorted(t["token_id"] for t in admin.get_user_tokens(user_id))
    out["user_tokens_page"] = len(admin.get_user_tokens(user_id, limit=1, offset=0))
    out["user_tokens_iterator"] = len(list(admin.get_user_tokens_iterator(user_id)))
    out["delete_user_token"] = admin.delete_user_token(user_id, yk["token_id"])
    out["user_tokens_after"] = [t["token_id"] for t in admin.get_user_tokens(user_id)]
    out["delete_token"] = admin.delete_token(yk["token_id"])
    out["delete_token_again"] = admin.delete_token(yk["token_id"])

    reg = cfg["registration_id"]
    out["u2ftokens"] = [u["registration_id"] for u in admin.get_u2ftokens()]
    out["u2ftokens_page"] = [u["registration_id"] for u in admin.get_u2ftokens(limit=1, offset=0)]
    out["u2ftokens_iterator"] = len(list(admin.get_u2ftokens_iterator()))
    out["u2ftoken"] = admin.get_u2ftoken_by_id(reg)
    # 4.5.0's get_user_u2ftokens without a limit returns an unbound name (a client bug): use a limit.
    out["user_u2ftokens"] = [u["registration_id"] for u in admin.get_user_u2ftokens(user_id, limit=10)]
    out["user_u2ftokens_iterator"] = len(list(admin.get_user_u2ftokens_iterator(user_id)))
    out["delete_u2ftoken"] = admin.delete_u2ftoken(reg)
    out["u2ftokens_after"] = [u["registration_id"] for u in admin.get_u2ftokens()]
    try:
        admin.get_token_by_id("DHNOSUCHTOKEN0000000")
        out["missing_token_error"] = None
    except RuntimeError as err:
        out["missing_token_error"] = str(err)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
