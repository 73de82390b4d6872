"""Drives Debian's python3-duo-client 4.5.0, unchanged, at the bulk, Trash and verification endpoints.

The 4.5.0 client predates these endpoints and has no method for them (the list it does have is
printed as `methods`); it reaches them through its own generic signed call, `json_api_call`, with
its default signing (v2, HMAC-SHA1, form-encoded POSTs), exactly as a script using it would.
Reads one JSON object from argv[1] and prints one JSON object of results.
"""
import json
import sys
import time

import duo_client


def attempt(call):
    try:
        return {"ok": call()}
    except RuntimeError as err:
        return {"error": str(err)}


def main():
    cfg = json.loads(sys.argv[1])
    admin = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="127.0.0.1", ca_certs="HTTP", port=cfg["port"])
    out = {
        "version": duo_client.__version__,
        "methods": [m for m in dir(duo_client.Admin) if "bulk" in m or "verification" in m or "trash" in m or "restore" in m],
    }
    call = admin.json_api_call

    users = [{"username": "py.bulk.a", "email": "a@example.com"}, {"username": "py.bulk.b", "status": "bypass"}]
    created = call("POST", "/admin/v1/users/bulk_create", {"users": json.dumps(users)})
    out["created"] = [{k: u[k] for k in ("user_id", "username", "status")} for u in created]
    ids = [u["user_id"] for u in created]
    out["too_many"] = attempt(lambda: call("POST", "/admin/v1/users/bulk_create", {"users": json.dumps([{"username": "x%d" % i} for i in range(101)])}))

    out["trash"] = call("POST", "/admin/v1/users/bulk_send_to_trash", {"user_id_list": json.dumps(ids)})
    out["trashed_get"] = attempt(lambda: admin.get_user_by_id(ids[0]))
    out["trashed_by_name"] = admin.get_users_by_name("py.bulk.a")
    out["restore"] = call("POST", "/admin/v1/users/bulk_restore", {"user_id_list": json.dumps(ids[:1])})
    out["restored_get"] = admin.get_user_by_id(ids[0])["username"]

    operations = [
        {"method": "POST", "path": "/admin/v1/users", "body": {"username": "py.bulk.op"}},
        {"method": "POST", "path": "/admin/v1/users/" + ids[0], "body": {"notes": "from bulk"}},
        {"method": "DELETE", "path": "/admin/v1/users/DUNOSUCHUSER00000000", "body": {}},
        {"method": "GET", "path": "/admin/v1/no_such_thing", "body": {}},
    ]
    out["bulk"] = call("POST", "/admin/v1/bulk", {"operations": json.dumps(operations)})

    user_id, phone_id = cfg["push_user_id"], cfg["push_phone_id"]
    sent = call("POST", "/admin/v1/users/%s/send_verification_push" % user_id, {"phone_id": phone_id})
    out["push_id"] = sent["push_id"]
    answers = []
    for _ in range(40):
        answer = call("GET", "/admin/v1/users/%s/verification_push_response" % user_id, {"push_id": sent["push_id"]})
        answers.append(answer["result"])
        if answer["result"] != "waiting":
            break
        time.sleep(0.05)
    out["push_answers"] = answers

    base = "/admin/v2/identity_verification/%s" % user_id
    started = call("POST", base + "/start", {})
    out["idv_started"] = started
    out["idv_status"] = call("GET", base + "/status", {})
    out["idv_cancel"] = call("POST", base + "/cancel", {"inquiry_id": started["inquiry_id"]})
    out["idv_cancel_missing"] = attempt(lambda: call("POST", base + "/cancel", {}))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
