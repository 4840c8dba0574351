"""AWS-sized Service Quotas catalogues for the benchmark's WireMock: ec2 (1730 quotas, 18 pages of
100) and sagemaker (810, 9 pages), as ListAWSDefaultServiceQuotas lists them in one account and
region. Deterministic, in quota-code order.

The Python twin of src/test/java/dev/quotacli/testing/AwsCatalogue.java (same tables, same hashing;
its javadoc says what is real and what is generated): `estate.py catalogue --fingerprint` prints
the digests AwsCatalogueTest pins, so the two cannot drift apart unnoticed. In short: the quotas
the repo's quotas.yaml configures keep their real codes, names and AWS defaults (the EC2 vCPU ones
their AWS/Usage usage metric); the rest is filler with codes "L-" + the first 8 hex digits of
SHA-256("<service>:<name>"): AWS's own names where known (EC2 account-wide quotas, "Running
Dedicated <family> Hosts", SageMaker's per-instance-type kinds and service-wide quotas), synthetic
AWS-style per-family EC2 kinds (Adjustable false) up to the size the fleet-scale issue gives.
"""

import hashlib

EC2_SIZE = 1730
SAGEMAKER_SIZE = 810
SIZES = {"ec2": EC2_SIZE, "sagemaker": SAGEMAKER_SIZE}

# AWS defaults of the configured quotas (public dump of AWS's adjustable quotas, Feb 2024).
CONFIGURED_DEFAULTS = {
    # ec2: vCPU quotas, Elastic IPs, transit gateways, AMIs
    "L-1216C47A": 5, "L-74FC7D96": 0, "L-DB2E81BA": 0, "L-1945791B": 0, "L-417A185B": 0,
    "L-7295265B": 0, "L-6E869C2A": 0, "L-43DA4232": 0, "L-2C3B7624": 0, "L-F7808C92": 0,
    "L-34B43A08": 5, "L-88CF9481": 0, "L-3819A6DF": 0, "L-B5D1601B": 0, "L-7212CCBC": 0,
    "L-C4BD4855": 0, "L-E3A00192": 0, "L-85EED4F7": 0, "L-6B0D517C": 0,
    "L-0263D0A3": 5, "L-A2478D36": 5, "L-B665C33B": 50000,
    # sagemaker
    "L-04CE2E67": 8, "L-E17566B7": 6, "L-76AB2C05": 1, "L-E8917BB7": 0, "L-7A3DF611": 4,
    "L-ED8DEE9B": 4, "L-2F737F8D": 0, "L-1928E07B": 0, "L-99AD19BF": 5, "L-00C91CB5": 4,
    "L-CCE2AFA6": 0, "L-622CFD70": 20, "L-93958082": 4, "L-4CEE6BA6": 4, "L-F311B08F": 4,
}

# The AWS/Usage Class dimension of each EC2 vCPU quota.
VCPU_CLASSES = {
    "L-1216C47A": "Standard/OnDemand", "L-74FC7D96": "F/OnDemand", "L-DB2E81BA": "G/OnDemand",
    "L-1945791B": "Inf/OnDemand", "L-417A185B": "P/OnDemand", "L-7295265B": "X/OnDemand",
    "L-6E869C2A": "DL/OnDemand", "L-43DA4232": "HighMem/OnDemand", "L-2C3B7624": "Trn/OnDemand",
    "L-F7808C92": "HPC/OnDemand", "L-34B43A08": "Standard/Spot", "L-88CF9481": "F/Spot",
    "L-3819A6DF": "G/Spot", "L-B5D1601B": "Inf/Spot", "L-7212CCBC": "P/Spot",
    "L-C4BD4855": "P5/Spot", "L-E3A00192": "X/Spot", "L-85EED4F7": "DL/Spot",
    "L-6B0D517C": "Trn/Spot",
}

EC2_ACCOUNT_WIDE = [
    ("AMI sharing", 1000), ("Amazon FPGA images (AFIs)", 100),
    ("Attachments per transit gateway", 5000), ("Authorization rules per Client VPN endpoint", 50),
    ("Client VPN endpoints per Region", 5),
    ("Concurrent client connections per Client VPN endpoint", 20000),
    ("Customer gateways per region", 50), ("EC2-Classic Elastic IPs", 5),
    ("Members per transit gateway multicast group", 100),
    ("Multicast Network Interfaces per transit gateway", 1000),
    ("Multicast domain associations per VPC", 20), ("Multicast domains per transit gateway", 20),
    ("New Reserved Instances per month", 20), ("Number of Elastic Graphics accelerators", 20),
    ("Peering attachments per transit gateway", 50),
    ("Pending peering attachments per transit gateway", 10), ("Public AMIs", 5),
    ("Route Tables per transit gateway", 20), ("Routes per Client VPN endpoint", 10),
    ("Routes per transit gateway", 10000), ("Sources per transit gateway multicast group", 1),
    ("VPN connections per VGW", 10), ("VPN connections per region", 50),
    ("Verified Access Endpoints", 50), ("Verified Access Groups", 10),
    ("Verified Access Instances", 5), ("Verified Access Trust Providers", 15),
    ("Virtual private gateways per region", 5),
]

EC2_FAMILIES = """
a1 c3 c4 c5 c5a c5ad c5d c5n c6a c6g c6gd c6gn c6i c6id c6in c7a c7g c7gd c7gn c7i c7i-flex c8g
c8gd d2 d3 d3en dl1 dl2q f1 f2 g3 g3s g4ad g4dn g5 g5g g6 g6e g6f gr6 gr6f h1 hpc6a hpc6id hpc7a
hpc7g i2 i3 i3en i4g i4i i7i i7ie i8g im4gn inf1 inf2 is4gen m1 m2 m3 m4 m5 m5a m5ad m5d m5dn m5n
m5zn m6a m6g m6gd m6i m6id m6idn m6in m7a m7g m7gd m7i m7i-flex m8g m8gd mac1 mac2 mac2-m1ultra
mac2-m2 mac2-m2pro p2 p3 p3dn p4d p4de p5 p5e p5en p6-b200 r3 r4 r5 r5a r5ad r5b r5d r5dn r5n r6a
r6g r6gd r6i r6id r6idn r6in r7a r7g r7gd r7i r7iz r8g r8gd t1 t2 t3 t3a t4g trn1 trn1n trn2
u-3tb1 u-6tb1 u-9tb1 u-12tb1 u-18tb1 u-24tb1 u7i-6tb u7i-8tb u7i-12tb u7in-16tb u7in-24tb
u7in-32tb vt1 x1 x1e x2gd x2idn x2iedn x2iezn x8g z1d c1 cc2 cr1 g2 hs1
""".split()

# Per-family kinds: name template, Adjustable, the values a default is picked from, description.
EC2_FAMILY_KINDS = [
    ("Running Dedicated %s Hosts", True, [0],
     "The maximum number of Dedicated Hosts of the %s instance family in this account in the"
     " current Region."),
    ("%s instances per Dedicated Host", False, [1, 2, 4, 8, 16, 32, 48, 96], None),
    ("%s instances per cluster placement group", False, [50, 100, 200, 500], None),
    ("%s instances per spread placement group per Availability Zone", False, [7], None),
    ("%s instances per partition placement group partition", False, [100, 500], None),
    ("On-Demand Capacity Reservations for %s instances", False, [0, 5, 10, 20], None),
    ("%s instances per On-Demand Capacity Reservation", False, [100, 500, 1000], None),
    ("Capacity Blocks for %s instances", False, [0, 1, 2, 4], None),
    ("%s instances per EC2 Fleet", False, [1000, 5000, 10000], None),
    ("Spot Instance pools for %s instances per EC2 Fleet", False, [50, 100, 200], None),
    ("Reserved Instances for %s instances purchased per month", False, [20, 50], None),
]

ML_FAMILIES = [
    ("t2", "medium large xlarge 2xlarge"),
    ("t3", "medium large xlarge 2xlarge"),
    ("m4", "xlarge 2xlarge 4xlarge 10xlarge 16xlarge"),
    ("m5", "large xlarge 2xlarge 4xlarge 12xlarge 24xlarge"),
    ("m5d", "large xlarge 2xlarge 4xlarge 12xlarge 24xlarge"),
    ("m6g", "medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"),
    ("m6i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge"),
    ("m7i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("c4", "xlarge 2xlarge 4xlarge 8xlarge"),
    ("c5", "large xlarge 2xlarge 4xlarge 9xlarge 18xlarge"),
    ("c5d", "large xlarge 2xlarge 4xlarge 9xlarge 18xlarge"),
    ("c6g", "medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"),
    ("c6i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge"),
    ("c7i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("r5", "large xlarge 2xlarge 4xlarge 12xlarge 24xlarge"),
    ("r5d", "large xlarge 2xlarge 4xlarge 12xlarge 24xlarge"),
    ("r6g", "medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"),
    ("r6i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge"),
    ("r7i", "large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("g4dn", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge"),
    ("g5", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("g6", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("g6e", "xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge"),
    ("p2", "xlarge 8xlarge 16xlarge"),
    ("p3", "2xlarge 8xlarge 16xlarge"),
    ("p3dn", "24xlarge"), ("p4d", "24xlarge"), ("p4de", "24xlarge"), ("p5", "48xlarge"),
    ("p5e", "48xlarge"),
    ("inf1", "xlarge 2xlarge 6xlarge 24xlarge"),
    ("inf2", "xlarge 8xlarge 24xlarge 48xlarge"),
    ("trn1", "2xlarge 32xlarge"), ("trn1n", "32xlarge"),
]

NOTEBOOK_FAMILIES = "t2 t3 m4 m5 m5d c4 c5 c5d r5 p2 p3 g4dn g5 g6"
TRAINING_FAMILIES = "m4 m5 c4 c5 p2 p3 p3dn p4d p4de p5 p5e g4dn g5 trn1 trn1n m6i c6i"
STUDIO_FAMILIES = "t3 m5 m5d c5 r5 g4dn g5 g6 p3 m6i"

# Per-instance-type kinds: name template, families (None = all but trn), default values. The
# first four are what the repo quotas.yaml's discovery rules select.
ML_KINDS = [
    ("%s for notebook instance usage", NOTEBOOK_FAMILIES, [0, 0, 1, 2, 5]),
    ("%s for endpoint usage", None, [0, 0, 0, 1, 2, 4]),
    ("%s for training job usage", TRAINING_FAMILIES, [0, 0, 1, 2, 4]),
    ("%s for spot training job usage", TRAINING_FAMILIES, [0, 0, 1, 2, 4]),
    ("%s for training warm pool usage", TRAINING_FAMILIES, [0, 0, 1, 2, 4]),
    ("Studio JupyterLab Apps running on %s instances", STUDIO_FAMILIES, [0, 1, 2, 4]),
    ("Studio CodeEditor Apps running on %s instances", STUDIO_FAMILIES, [0, 1, 2, 4]),
    ("Studio KernelGateway Apps running on %s instance", STUDIO_FAMILIES, [0, 1, 2, 4]),
    ("%s for processing job usage", "m4 m5 c4 c5 r5 g4dn g5 p3", [0, 0, 1, 2, 4]),
    ("%s for cluster usage", "c5 m5 g5 g6 p4d p4de p5 p5e trn1 trn1n r6i", [0, 0, 1, 2]),
    ("%s for transform job usage", "m4 m5 c4 c5 p2 p3 g4dn", [0, 0, 1, 2, 4]),
    ("RSessionGateway Apps running on %s instance", "t3 m5 c5 r5 g4dn g5 m6i c6i", [0, 1]),
]
ML_DISCOVERED_KINDS = 4

SAGEMAKER_SERVICE_WIDE = [
    ("Canvas Apps running on system instances", "None", 10),
    ("Longest run time for a training job", "Seconds", 432000),
    ("Maximum number instances allowed per SageMaker HyperPod cluster", "None", 20),
    ("Maximum number of A2I flow definitions", "None", 100),
    ("Maximum number of A2I human task UIs", "None", 100),
    ("Maximum number of Ground Truth Streaming labeling jobs", "None", 0),
    ("Maximum number of Ground Truth labeling jobs", "None", 1),
    ("Maximum number of SageMaker Model Package Groups allowed per account", "None", 250),
    ("Maximum number of SageMaker Model Package allowed per account", "None", 10000),
    ("Maximum number of SageMakerImage images allowed per account", "None", 250),
    ("Maximum number of Studio spaces allowed per account", "None", 6),
    ("Maximum number of Studio user profiles allowed per account", "None", 2),
    ("Maximum number of concurrent AutoML Jobs", "None", 1),
    ("Maximum number of concurrent pipeline executions allowed per account", "None", 20),
    ("Maximum number of concurrently running model card export jobs allowed per account.", "None", 20),
    ("Maximum number of deployment plans that can be simultaneously created", "None", 2),
    ("Maximum number of device-fleets", "None", 2),
    ("Maximum number of devices", "None", 400),
    ("Maximum number of instances per spot training job", "None", 20),
    ("Maximum number of model card versions allowed per account.", "None", 100),
    ("Maximum number of parallel compilation jobs", "None", 2),
    ("Maximum number of parallel edge-deployments", "None", 2),
    ("Maximum number of parallel edge-packaging jobs", "None", 2),
    ("Maximum number of pipelines allowed per account", "None", 500),
    ("Maximum number of running Studio apps allowed per account", "None", 40),
    ("Maximum total concurrency that can be allocated across all serverless endpoints", "None", 10),
    ("Number of elastic inference accelerators across active endpoints", "None", 0),
    ("Number of instances across all transform jobs", "None", 4),
    ("RStudioServerPro Apps running on system instances", "None", 1),
    ("SageMaker Profiler Apps running on system instances", "None", 5),
    ("Size of EBS volume for a training job instance", "Gigabytes", 1024),
    ("Studio Jupyter Apps running on system instances", "None", 10),
    ("TensorBoard Apps running on system instances", "None", 10),
    ("Total EBS volume size in GB across all Studio Spaces", "Gigabytes", 500),
    ("Total domains", "None", 2),
    ("Total number of instances allowed across SageMaker HyperPod clusters", "None", 0),
]


def _sha256(s):
    return hashlib.sha256(s.encode("utf-8")).digest()


def code(service, name, attempt=0):
    key = "%s:%s%s" % (service, name, "" if attempt == 0 else ":%d" % attempt)
    return "L-" + _sha256(key)[:4].hex().upper()


def ml_types(families):
    wanted = None if families is None else set(families.split())
    out = []
    for family, sizes in ML_FAMILIES:
        take = not family.startswith("trn") if wanted is None else family in wanted
        if take:
            out.extend("ml.%s.%s" % (family, size) for size in sizes.split())
    return out


class _Builder:
    def __init__(self, service):
        self.service = service
        self.size = SIZES[service]
        self.by_name = {}
        self.codes = set()
        self.lower_names = set()

    def pick(self, name, values):
        return values[_sha256("%s:%s" % (self.service, name))[4] % len(values)]

    def configured(self, q):
        value = CONFIGURED_DEFAULTS.get(q["code"])
        if value is None:
            value = self.pick(q["name"], [0, 5])
        quota = {"code": q["code"], "name": q["name"], "value": value, "unit": "None",
                 "adjustable": True, "metric": None, "description": None}
        if self.service == "ec2" and q["code"] in VCPU_CLASSES:
            quota["metric"] = {
                "MetricNamespace": "AWS/Usage", "MetricName": "ResourceCount",
                "MetricDimensions": {"Class": VCPU_CLASSES[q["code"]], "Resource": "vCPU",
                                     "Service": "EC2", "Type": "Resource"},
                "MetricStatisticRecommendation": "Maximum"}
        self._put(quota)

    def add(self, name, unit, adjustable, value, description=None):
        if len(self.by_name) >= self.size or name.lower() in self.lower_names:
            return
        attempt = 0
        c = code(self.service, name)
        while c in self.codes:
            attempt += 1
            c = code(self.service, name, attempt)
        self._put({"code": c, "name": name, "value": value, "unit": unit, "adjustable": adjustable,
                   "metric": None, "description": description})

    def _put(self, q):
        if q["code"] in self.codes:
            raise ValueError("duplicate quota code %s in %s" % (q["code"], self.service))
        self.codes.add(q["code"])
        self.lower_names.add(q["name"].lower())
        self.by_name[q["name"]] = q

    def build(self):
        if len(self.by_name) != self.size:
            raise ValueError("%s: the tables give %d quotas, not %d"
                             % (self.service, len(self.by_name), self.size))
        return sorted(self.by_name.values(), key=lambda q: q["code"])


def catalogue(service, configured):
    """The catalogue of `service` ("ec2" or "sagemaker") as dicts (code, name, value, unit,
    adjustable, metric, description), with `configured` ([{code, name}] from a quotas file) in it."""
    b = _Builder(service)
    for q in configured:
        b.configured(q)
    if service == "ec2":
        for name, value in EC2_ACCOUNT_WIDE:
            b.add(name, "None", True, value)
        for template, adjustable, values, description in EC2_FAMILY_KINDS:
            for family in EC2_FAMILIES:
                name = template % family
                b.add(name, "None", adjustable, b.pick(name, values),
                      None if description is None else description % family)
    elif service == "sagemaker":
        for k, (template, families, values) in enumerate(ML_KINDS):
            if k == ML_DISCOVERED_KINDS:
                for name, unit, value in SAGEMAKER_SERVICE_WIDE:
                    b.add(name, unit, True, value)
            for t in ml_types(families):
                name = template % t
                b.add(name, "None", True, b.pick(name, values))
    else:
        raise ValueError("no AWS-sized catalogue for %s" % service)
    return b.build()


def fingerprint(quotas):
    """SHA-256 (hex) of "code TAB name TAB value TAB unit TAB adjustable TAB metric-name" lines, as
    AwsCatalogue.fingerprint computes it."""
    lines = "".join("%s\t%s\t%d\t%s\t%s\t%s\n" % (
        q["code"], q["name"], int(q["value"]), q["unit"], "true" if q["adjustable"] else "false",
        q["metric"]["MetricName"] if q["metric"] else "-") for q in quotas)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()
