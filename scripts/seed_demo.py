"""Seeds a demo database for `make serve`: one account per role, the example cases uploaded by
their States, and a round of the Brazilian case opened, assessed and with both peers' input,
ready for the Secretariat to record agreed levels and publish.

Usage: python3 scripts/seed_demo.py MECIGEP_BINARY DATA_DIR"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "service"))
from mecigep_client import PASSWORD, Client, add_users, free_port, read_case, start_server, stop  # noqa: E402

ACCOUNTS = [("secretariat", "secretariat", None), ("brazil", "beneficiary", "BR"), ("uruguay", "beneficiary", "UY"),
            ("peer-uy", "peer", "UY"), ("peer-pe", "peer", "PE"), ("methodologist", "methodologist", None)]


def main(binary, data):
    add_users(binary, data, ACCOUNTS)
    port = free_port()
    server = start_server(binary, data, port)
    try:
        brazil, uruguay, sec, uy, pe = (Client(port) for _ in range(5))
        for c, name in [(brazil, "brazil"), (uruguay, "uruguay"), (sec, "secretariat"), (uy, "peer-uy"), (pe, "peer-pe")]:
            c.login(name)
        _, br_case = brazil.json("POST", "/api/cases", {"format": "yaml",
                                                        "content": read_case("examples/cases/br-participatory-budgeting.yaml")},
                                 expect=201)
        uruguay.json("POST", "/api/cases", {"format": "yaml", "content": read_case("examples/cases/uy-digital-government.yaml")},
                     expect=201)
        case_id = br_case["case"]["id"]
        brazil.json("POST", f"/api/cases/{case_id}/submit", {}, expect=200)
        _, round_ = sec.json("POST", "/api/rounds", {"case": case_id, "framework": "mecigep-core", "language": "pt",
                                                     "peers": [{"country": "UY", "institution": "Intendencia de Montevideo"},
                                                               {"country": "PE", "institution": "Ministerio de Economía y Finanzas"}]},
                             expect=201)
        sec.json("POST", f"/api/rounds/{round_['id']}/assessments", {}, expect=201)
        levels = {"long_term": 2, "evidence_based": 3, "co_designed": 4, "user_centred": 3, "behavioural": 1, "complexity": 3,
                  "fiscal": 2}
        uy.json("PUT", f"/api/rounds/{round_['id']}/inputs/UY", {
            "levels": levels, "comments": {"es": "Sólido en participación; el riesgo está en el mantenimiento de las obras."},
            "recommendations": [{"text": {"es": "Someta a votación solo demandas con costo de mantenimiento estimado."},
                                 "criterion": "fiscal", "priority": "high", "horizon": "short"}],
            "submit": True}, expect=200)
        pe.json("PUT", f"/api/rounds/{round_['id']}/inputs/PE", {"levels": dict(levels, long_term=3), "submit": True}, expect=200)
    finally:
        stop(server)
    print("demo data: accounts " + ", ".join(f"{n} ({r}{', ' + c if c else ''})" for n, r, c in ACCOUNTS)
          + f"; password for all: {PASSWORD}")
    print(f"the round {round_['id']} of Brazil's case is assessed, with both peers' input: sign in as secretariat to publish it")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
