#!/usr/bin/env python3
"""Checks a fleet usage textfile against what bench/estate.py seeded: are the usage values exact?

    check_usage.py --accounts N --regions R FILE.prom

Per account and region estate.py seeds 3 instances (2 t3.micro, 1 m5.large: 6 standard vCPUs),
one Elastic IP, a gp3 volume of 100 GiB and a gp2 one of 50 GiB (moto adds an 8 GiB gp2 root
volume per instance: 74 GiB of gp2), one snapshot, one ALB, one target group and one classic ELB;
per account one CloudFront distribution. Route 53's GetAccountLimit is a WireMock stub whose
Count is the same for every account (1..5 over the five limit types). Every other usage of the
bench quotas is 0 (nothing else is seeded).

Checks: every account x region has a usage sample for each seeded quota, with the seeded value;
every other sample is 0; every account-region has the same set of quota codes (none dropped);
Route 53 is the same for every account and holds 1..5. Prints one line per problem (at most 20)
and a summary line; exits 1 if anything is off.
"""

import argparse
import re
import sys

FIRST_ACCOUNT = 700000000001
REGIONS = [
    "us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-2", "ap-northeast-1",
    "us-east-2", "eu-west-2", "ca-central-1", "sa-east-1", "ap-south-1", "eu-north-1",
]
REGIONAL = {
    ("ec2", "L-1216C47A"): 6.0,  # Running On-Demand Standard vCPUs: 2 x t3.micro + m5.large
    ("ec2", "L-0263D0A3"): 1.0,  # Elastic IPs
    ("ebs", "L-309BACF6"): 1.0,  # snapshots
    ("ebs", "L-7A658B76"): 100 / 1024,  # gp3 TiB
    ("ebs", "L-D18FCD1D"): (50 + 3 * 8) / 1024,  # gp2 TiB, root volumes included
    ("elasticloadbalancing", "L-53DA6B97"): 1.0,  # ALBs
    ("elasticloadbalancing", "L-B22855CB"): 1.0,  # target groups
    ("elasticloadbalancing", "L-E9E9831D"): 1.0,  # classic ELBs
}
GLOBAL = {("cloudfront", "L-24B04930"): 1.0}  # web distributions
SAMPLE = re.compile(r'^cloud_service_quota_usage\{(.*)\} (\S+)$')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, required=True)
    ap.add_argument("--regions", type=int, required=True)
    ap.add_argument("file")
    args = ap.parse_args()
    accounts = [str(FIRST_ACCOUNT + i) for i in range(args.accounts)]
    regions = REGIONS[: args.regions]
    got = {}
    with open(args.file) as f:
        for line in f:
            m = SAMPLE.match(line.rstrip("\n"))
            if m:
                labels = dict(LABEL.findall(m.group(1)))
                key = (labels["account_id"], labels["region"], labels["service"], labels["quota_code"])
                got[key] = float(m.group(2))
    problems = []
    checked = 0
    for a in accounts:
        for r in regions:
            for (svc, code), want in REGIONAL.items():
                checked += 1
                have = got.get((a, r, svc, code))
                if have is None or abs(have - want) > 1e-9:
                    problems.append("%s/%s/%s %s: %s, want %s" % (a, r, svc, code, have, want))
        for (svc, code), want in GLOBAL.items():
            checked += 1
            have = got.get((a, "global", svc, code))
            if have is None or abs(have - want) > 1e-9:
                problems.append("%s/global/%s %s: %s, want %s" % (a, svc, code, have, want))
    seeded = {(a, r, s, c) for a in accounts for r in regions for (s, c) in REGIONAL}
    seeded |= {(a, "global", s, c) for a in accounts for (s, c) in GLOBAL}
    route53 = {}
    for key, value in got.items():
        if key[0] not in accounts:
            problems.append("%s: an account the estate does not have" % "/".join(key))
        elif key[2] == "route53":
            route53.setdefault(key[3], set()).add(value)
        elif key not in seeded:
            checked += 1
            if value != 0:
                problems.append("%s: %s, want 0 (nothing seeded)" % ("/".join(key), value))
    if sorted(v for vs in route53.values() for v in vs) != [1.0, 2.0, 3.0, 4.0, 5.0]:
        problems.append("route53: values per code %s, want one each of 1..5" % route53)
    checked += sum(1 for k in got if k[2] == "route53")
    codes = {}
    for (a, r, s, c) in got:
        codes.setdefault((a, r), set()).add((s, c))
    shapes = {}
    for (a, r), cs in codes.items():
        shapes.setdefault((r, frozenset(cs)), []).append(a)
    for r in regions + ["global"]:
        per_region = [(k, v) for k, v in shapes.items() if k[0] == r]
        if len(per_region) > 1:
            problems.append("%s: %d different sets of quota codes across accounts" % (r, len(per_region)))
        n = sum(len(v) for _, v in per_region)
        if n != len(accounts):
            problems.append("%s: usage for %d of %d accounts" % (r, n, len(accounts)))
    for p in problems[:20]:
        print("check_usage: " + p)
    print("check_usage: %d usage samples, %d checked against the seeded estate, %d problems"
          % (len(got), checked, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
