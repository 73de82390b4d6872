"""Drives every administrator method of Duo's official python client (python3-duo-client 4.5.0) against the emulator.

Reads one JSON object from argv[1] (port, Admin API keys, seeded admin ids) and prints one JSON object
of results. The client is used as shipped: plain HTTP via ca_certs='HTTP', its default v2 signing,
form-encoded POST bodies, booleans as Python spells them ("True", "False", "1", "0").
"""
import json
import sys

import duo_client


def ids(admins):
    return [a["admin_id"] for a in admins]


def error_of(call):
    try:
        call()
        return None
    except RuntimeError as err:
        return str(err)


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    admin.paging_limit = 2  # small pages, so every iterator walks several
    out = {}

    out["admins"] = ids(admin.get_admins())
    out["admins_iterator"] = ids(admin.get_admins_iterator())
    out["admins_page"] = ids(admin.get_admins(limit=2, offset=1))
    out["owner"] = admin.get_admin(cfg["owner_id"])

    # `password` is deprecated and ignored by Duo; 4.5 still takes it positionally.
    made = admin.add_admin("Py Admin", "py.admin@example.com", "734-555-1212", "ignored", role="Help Desk")
    out["added"] = made
    aid = made["admin_id"]
    out["added_default_role"] = admin.add_admin("Py Owner", "py.owner@example.com", None, None)
    # 4.5's normalize_params cannot encode a bool (it iterates the value): the documented
    # password_change_required=True fails in the client before any request, against Duo too.
    try:
        admin.update_admin(aid, password_change_required=True)
        out["bool_param_error"] = None
    except TypeError as err:
        out["bool_param_error"] = str(err)
    out["updated"] = admin.update_admin(aid, name="Py Admin Renamed", phone="+442079460958", password_change_required="true")
    out["disabled"] = admin.update_admin(cfg["administrator_id"], status="Disabled")
    out["enabled"] = admin.update_admin(cfg["administrator_id"], status="Active")
    out["reset"] = admin.reset_admin(cfg["administrator_id"])

    out["activation"] = admin.activate_admin("py.invitee@example.com")
    out["activation_emailed"] = admin.activate_admin("py.invitee2@example.com", send_email=True, valid_days=2, admin_role="Billing")

    out["password_mgmt"] = admin.get_external_password_mgmt_statuses()
    out["password_mgmt_page"] = admin.get_external_password_mgmt_statuses(limit=1, offset=1)
    out["password_mgmt_one"] = admin.get_external_password_mgmt_status_for_admin(cfg["administrator_id"])
    out["password_mgmt_on"] = admin.update_admin_password_mgmt_status(cfg["administrator_id"], has_external_password_mgmt=True, password="a long enough password")
    out["password_mgmt_off"] = admin.update_admin_password_mgmt_status(cfg["administrator_id"], has_external_password_mgmt=False)

    out["auth_methods_default"] = admin.get_allowed_admin_auth_methods()
    out["auth_methods_set"] = admin.set_allowed_admin_auth_methods(push_enabled=True, yubikey_enabled=True, sms_enabled=False)
    out["auth_methods_after"] = admin.get_allowed_admin_auth_methods()

    out["delete"] = admin.delete_admin(aid)
    out["admins_after_delete"] = ids(admin.get_admins())
    out["missing_admin_error"] = error_of(lambda: admin.get_admin(aid))
    out["bad_role_error"] = error_of(lambda: admin.add_admin("Bad", "bad.role@example.com", None, None, role="owner"))
    out["last_owner_error"] = error_of(lambda: admin.delete_admin(cfg["owner_id"]))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
