"""Drives the policies v2 endpoints with Duo's official python client (python3-duo-client 4.5.0).

Debian's 4.5.0 predates the client's policy methods and its v5 signing; it can still sign JSON
bodies generically with sig_version=4 (HMAC-SHA512 over the body hash), through json_api_call and
json_paging_api_call. Each body below is the one duo_client_python 5.x's policy methods build
(create_policy_v2, update_policy_v2, copy_policy_v2, update_policies_v2, calculate_policy...).

Reads one JSON object from argv[1] (port, Admin API keys, an application and a user) and prints
one JSON object of results.
"""
import hashlib
import json
import sys

import duo_client


def error_of(call):
    try:
        call()
        return None
    except RuntimeError as err:
        return {"status": getattr(err, "status", None), "message": str(err)}


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(
        ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"],
        sig_version=4, digestmod=hashlib.sha512,
    )
    admin.paging_limit = 2  # small pages, so the generator walks several
    app, user = cfg["app"], cfg["user_id"]
    out = {}

    out["listed"] = [p["policy_key"] for p in admin.json_paging_api_call("GET", "/admin/v2/policies", {})]
    out["page"] = admin.json_api_call("GET", "/admin/v2/policies", {"limit": "1", "offset": "1"})
    out["global"] = admin.json_api_call("GET", "/admin/v2/policies/global", {})

    made = admin.json_api_call("POST", "/admin/v2/policies", {
        "policy_name": "py policy",
        "sections": {"browsers": {"blocked_browsers_list": ["ie"]}},
    })
    out["created"] = made
    key = made["policy_key"]
    out["updated"] = admin.json_api_call("PUT", "/admin/v2/policies/" + key, {
        "sections": {"new_user": {"new_user_behavior": "deny"}},
        "apply_to_apps": {"applications_list": [app]},
    })
    out["read_back"] = admin.json_api_call("GET", "/admin/v2/policies/" + key, {})
    out["copied"] = admin.json_api_call("POST", "/admin/v2/policies/copy", {
        "policy_key": key, "new_policy_names_list": ["py copy 1", "py copy 2"],
    })
    copies = [p["policy_key"] for p in out["copied"]["policies"]]
    # As update_policies_v2(sections="", sections_to_delete=[...], edit_list=[...]) sends it.
    out["bulk"] = admin.json_api_call("PUT", "/admin/v2/policies/update", {
        "policies_to_update": {"edit_all_policies": False, "edit_list": copies},
        "policy_changes": {"sections": "", "sections_to_delete": ["browsers"]},
    })
    out["summary"] = admin.json_api_call("GET", "/admin/v2/policies/summary", {})
    out["calculated"] = admin.json_api_call("GET", "/admin/v2/policies/calculate", {"integration_key": app, "user_id": user})

    out["deleted"] = admin.json_api_call("DELETE", "/admin/v2/policies/" + copies[0], {})
    out["deleted_error"] = error_of(lambda: admin.json_api_call("GET", "/admin/v2/policies/" + copies[0], {}))
    out["global_delete_error"] = error_of(lambda: admin.json_api_call("DELETE", "/admin/v2/policies/global", {}))
    out["bad_section_error"] = error_of(lambda: admin.json_api_call("POST", "/admin/v2/policies", {
        "policy_name": "bad", "sections": {"no_such_section": {}},
    }))
    out["listed_after"] = [p["policy_key"] for p in admin.json_paging_api_call("GET", "/admin/v2/policies", {})]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
