"""Drives every administrative-unit and logo method of Duo's official python client (python3-duo-client 4.5.0).

Reads one JSON object from argv[1] (port, Admin and Auth API keys, the ids to filter by, a new PNG
as base64) and prints one JSON object of results. The client is used as shipped: plain HTTP via
ca_certs='HTTP', its default v2 signing (HMAC-SHA1). 4.5 has no Passport methods.
"""
import base64
import hashlib
import json
import sys

import duo_client


def names(units):
    return [u["name"] for u in units]


def error_of(call):
    try:
        call()
        return None
    except RuntimeError as err:
        return {"status": getattr(err, "status", None), "text": str(err)}


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    auth = duo_client.Auth(ikey=cfg["auth_ikey"], skey=cfg["auth_skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    admin.paging_limit = 2  # small pages, so every iterator walks several
    out = {}

    out["units"] = admin.get_administrative_units()
    out["units_iterator"] = names(admin.get_administrative_units_iterator())
    out["units_page"] = names(admin.get_administrative_units(limit=2, offset=1))
    out["by_admin"] = names(admin.get_administrative_units(admin_id=cfg["admin_id"]))
    out["by_group"] = names(admin.get_administrative_units(group_id=cfg["group_id"]))
    out["by_integration"] = names(admin.get_administrative_units(integration_key=cfg["integration_key"]))
    out["by_admin_iterator"] = names(admin.get_administrative_units_iterator(admin_id=cfg["admin_id"]))
    out["by_group_page"] = names(admin.get_administrative_units(group_id=cfg["group_id"], limit=1, offset=1))
    out["by_unknown_group"] = names(admin.get_administrative_units(group_id="DGNOSUCHGROUP0000000"))
    out["two_filters_error"] = error_of(lambda: admin.get_administrative_units(admin_id=cfg["admin_id"], group_id=cfg["group_id"], limit=5))

    out["logo_before_sha256"] = hashlib.sha256(admin.get_logo()).hexdigest()
    new_png = base64.b64decode(cfg["png_base64"])
    out["update_logo"] = admin.update_logo(new_png)
    out["logo_after_sha256"] = hashlib.sha256(admin.get_logo()).hexdigest()
    out["auth_logo_sha256"] = hashlib.sha256(auth.logo()).hexdigest()
    out["bad_logo_error"] = error_of(lambda: admin.update_logo(b"GIF89a not a png at all, really"))
    out["logo_after_bad_sha256"] = hashlib.sha256(admin.get_logo()).hexdigest()
    out["delete_logo"] = admin.delete_logo()
    out["delete_logo_again"] = admin.delete_logo()
    out["missing_logo_error"] = error_of(admin.get_logo)
    out["missing_auth_logo_error"] = error_of(auth.logo)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
