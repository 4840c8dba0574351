# quota-cli: build, install and uninstall.
#
#   make build                            mvn package: target/quota-cli.jar, completion, man page
#   sudo make install                     install under /usr/local (and /etc), create the user
#   sudo make uninstall                   remove what install placed; keep configuration and caches
#   make install DESTDIR=/tmp/pkg PREFIX=/usr   stage a package tree (no user, no systemctl)
#   make k8s-quotas                       regenerate deploy/kubernetes/quotas-configmap.yaml
#
# Where things go (PREFIX=/usr/local by default; /etc is always /etc, under DESTDIR):
#   $(PREFIX)/bin/quota-cli                                launcher
#   $(PREFIX)/share/quota-cli/quota-cli.jar, quota-cli.jsa  the jar and its class-data sharing archive
#   $(PREFIX)/share/quota-cli/quotas.yaml, quota-cli.env.example   this release's copies, to diff
#   /etc/quota-cli/quotas.yaml                             the quotas the jobs read (never overwritten)
#   $(PREFIX)/lib/systemd/system/quota-cli-*.{service,timer}
#   $(PREFIX)/lib/sysusers.d/quota-cli.conf, $(PREFIX)/lib/tmpfiles.d/quota-cli.conf
#   /etc/cron.d/quota-cli                                  (does nothing on a host that runs systemd)
#   $(PREFIX)/share/bash-completion/completions/quota-cli, $(PREFIX)/share/man/man1/quota-cli.1
#
# Units go to $(PREFIX)/lib/systemd/system: /usr/local/lib/systemd/system and /usr/lib/systemd/system
# are both on systemd's unit path, and /etc/systemd/system stays the administrator's, for
# `systemctl edit` drop-ins. Set SYSTEMDUNITDIR to put them elsewhere.
#
# Variables: PREFIX, DESTDIR, SYSTEMDUNITDIR, TEXTFILE_DIR (node_exporter's textfile directory,
# written into the units and the cron file; Debian's by default), MVN (mvn), CDS (yes; CDS=no
# installs no archive).

PREFIX ?= /usr/local
DESTDIR ?=
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
TEXTFILE_DIR ?= /var/lib/prometheus/node-exporter
MVN ?= mvn
CDS ?= yes

# The launcher finds the jar at ../share/quota-cli/ from its own directory: keep the two together.
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/quota-cli
SYSUSERSDIR = $(PREFIX)/lib/sysusers.d
TMPFILESDIR = $(PREFIX)/lib/tmpfiles.d
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions
MAN1DIR = $(PREFIX)/share/man/man1
CONFDIR = /etc/quota-cli
CRONDIR = /etc/cron.d

JAR ?= target/quota-cli.jar
COMPLETION ?= target/completion/quota-cli
MANPAGE ?= target/man/quota-cli.1
UNITS = quota-cli-limits.service quota-cli-limits.timer \
        quota-cli-usage.service quota-cli-usage.timer \
        quota-cli-discover-regions.service quota-cli-discover-regions.timer
TIMERS = quota-cli-discover-regions.timer quota-cli-limits.timer quota-cli-usage.timer

# The sources name the launcher /usr/local/bin/quota-cli and Debian's textfile directory.
SUBST = sed -e 's|/usr/local/bin/quota-cli|$(BINDIR)/quota-cli|g' \
            -e 's|/var/lib/prometheus/node-exporter|$(TEXTFILE_DIR)|g'

.PHONY: all build install install-files install-cds post-install uninstall check-built k8s-quotas

all: build

build:
	$(MVN) -B -DskipTests package

# Nothing is built here, so that `sudo make install` never runs Maven as root.
check-built:
	@for f in $(JAR) $(COMPLETION) $(MANPAGE); do \
	  if [ ! -f "$$f" ]; then \
	    echo "make: $$f is missing: run 'make build' (mvn -B -DskipTests package) first" >&2; exit 1; \
	  fi; \
	done

install: check-built install-files install-cds post-install
	@echo "quota-cli installed under $(DESTDIR)$(PREFIX)."
	@if [ -z "$(DESTDIR)" ]; then \
	  echo "Next: configure $(CONFDIR)/quota-cli.env (from $(DATADIR)/quota-cli.env.example) and"; \
	  echo "      $(CONFDIR)/cmdb-password, then: systemctl enable --now $(TIMERS)"; \
	  echo "      (without systemd, $(CRONDIR)/quota-cli runs the jobs)."; \
	fi

install-files: check-built
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(SYSTEMDUNITDIR) \
	  $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(COMPLETIONDIR) \
	  $(DESTDIR)$(MAN1DIR) $(DESTDIR)$(CONFDIR) $(DESTDIR)$(CRONDIR)
	install -m 0644 $(JAR) $(DESTDIR)$(DATADIR)/quota-cli.jar
	rm -f $(DESTDIR)$(DATADIR)/quota-cli.jsa
	install -m 0755 bin/quota-cli $(DESTDIR)$(BINDIR)/quota-cli
	install -m 0644 quotas.yaml $(DESTDIR)$(DATADIR)/quotas.yaml
	install -m 0644 systemd/quota-cli.env.example $(DESTDIR)$(DATADIR)/quota-cli.env.example
	@if [ -e $(DESTDIR)$(CONFDIR)/quotas.yaml ]; then \
	  echo "keeping $(DESTDIR)$(CONFDIR)/quotas.yaml (this release's is $(DATADIR)/quotas.yaml)"; \
	else \
	  echo "install -m 0644 quotas.yaml $(DESTDIR)$(CONFDIR)/quotas.yaml"; \
	  install -m 0644 quotas.yaml $(DESTDIR)$(CONFDIR)/quotas.yaml; \
	fi
	for u in $(UNITS); do \
	  $(SUBST) systemd/$$u >$(DESTDIR)$(SYSTEMDUNITDIR)/$$u && chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/$$u || exit 1; \
	done
	install -m 0644 systemd/quota-cli.sysusers $(DESTDIR)$(SYSUSERSDIR)/quota-cli.conf
	install -m 0644 systemd/quota-cli.tmpfiles $(DESTDIR)$(TMPFILESDIR)/quota-cli.conf
	$(SUBST) cron/quota-cli >$(DESTDIR)$(CRONDIR)/quota-cli
	chmod 0644 $(DESTDIR)$(CRONDIR)/quota-cli
	install -m 0644 $(COMPLETION) $(DESTDIR)$(COMPLETIONDIR)/quota-cli
	install -m 0644 $(MANPAGE) $(DESTDIR)$(MAN1DIR)/quota-cli.1

# Class-data sharing: a dynamic archive of the classes one training run loads, next to the jar,
# where the launcher picks it up (Java 17 has no -XX:+AutoCreateSharedArchive). The training run
# is a real usage pass over one made-up account whose endpoint refuses connections, so that the
# AWS SDK, the collectors and the textfile writer are loaded too; it ends at its 2 s deadline.
# The archive is valid for this jar and this JDK build only: rerun `make install` after a JDK
# upgrade (the launcher ignores a stale archive, silently).
install-cds: install-files
ifeq ($(CDS),yes)
	@echo "generating $(DESTDIR)$(DATADIR)/quota-cli.jsa (class-data sharing; CDS=no skips it)"
	@tmp=$$(mktemp -d); \
	printf 'accounts:\n  - account_id: "000000000000"\n    account_name: cds-training\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n    secret_access_key: cds-training\n    regions: [us-east-1]\n' >"$$tmp/accounts.yaml"; \
	env -i PATH="$$PATH" HOME="$$tmp" $${JAVA_HOME:+JAVA_HOME="$$JAVA_HOME"} AWS_EC2_METADATA_DISABLED=true QUOTA_CLI_CDS=0 \
	  QUOTA_CLI_JAVA_OPTS="-XX:ArchiveClassesAtExit=$(DESTDIR)$(DATADIR)/quota-cli.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
	  $(DESTDIR)$(BINDIR)/quota-cli usage --accounts-file "$$tmp/accounts.yaml" --cache-dir "$$tmp/cache" \
	    --endpoint-url http://127.0.0.1:9 --deadline 2s --output "$$tmp/usage.prom" >"$$tmp/log" 2>&1; \
	if [ -s $(DESTDIR)$(DATADIR)/quota-cli.jsa ]; then \
	  chmod 0644 $(DESTDIR)$(DATADIR)/quota-cli.jsa; rm -rf "$$tmp"; \
	else \
	  cat "$$tmp/log" >&2; rm -rf "$$tmp"; \
	  echo "make: could not generate the CDS archive (make install CDS=no skips it)" >&2; exit 1; \
	fi
else
	@echo "CDS=$(CDS): no class-data sharing archive"
endif

# On the live system only (no DESTDIR): the user, its cache directory, write access to the textfile
# directory (an ACL entry: the directory stays node_exporter's), and systemd's view of the units.
post-install: install-files
	@if [ -n "$(DESTDIR)" ]; then exit 0; fi; \
	set -e; \
	if command -v systemd-sysusers >/dev/null 2>&1; then \
	  echo "systemd-sysusers $(SYSUSERSDIR)/quota-cli.conf"; systemd-sysusers $(SYSUSERSDIR)/quota-cli.conf; \
	elif ! getent passwd quota-cli >/dev/null; then \
	  echo "useradd --system quota-cli"; \
	  useradd --system --user-group --home-dir /var/lib/quota-cli --no-create-home --shell /usr/sbin/nologin quota-cli; \
	fi; \
	if command -v systemd-tmpfiles >/dev/null 2>&1; then \
	  echo "systemd-tmpfiles --create $(TMPFILESDIR)/quota-cli.conf"; systemd-tmpfiles --create $(TMPFILESDIR)/quota-cli.conf; \
	else \
	  install -d -o quota-cli -g quota-cli -m 0700 /var/lib/quota-cli; \
	fi; \
	if [ ! -d $(TEXTFILE_DIR) ]; then \
	  echo "make: warning: $(TEXTFILE_DIR) does not exist: install prometheus-node-exporter and run make install again, or set TEXTFILE_DIR" >&2; \
	elif ! command -v setfacl >/dev/null 2>&1; then \
	  echo "make: setfacl not found: apt-get install acl, then run make install again (quota-cli needs write access to $(TEXTFILE_DIR))" >&2; exit 1; \
	else \
	  echo "setfacl -m u:quota-cli:rwx $(TEXTFILE_DIR)"; setfacl -m u:quota-cli:rwx $(TEXTFILE_DIR); \
	fi; \
	if [ -d /run/systemd/system ]; then echo "systemctl daemon-reload"; systemctl daemon-reload; fi

# Keeps /etc/quota-cli (but a quotas.yaml identical to the release's), the caches in
# /var/lib/quota-cli, the textfiles and the quota-cli user; removes the textfile directory's ACL entry.
uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
	  echo "systemctl disable --now $(TIMERS)"; systemctl disable --now $(TIMERS) || true; \
	fi
	@if [ -f $(DESTDIR)$(CONFDIR)/quotas.yaml ] && [ -f $(DESTDIR)$(DATADIR)/quotas.yaml ] \
	    && cmp -s $(DESTDIR)$(CONFDIR)/quotas.yaml $(DESTDIR)$(DATADIR)/quotas.yaml; then \
	  echo "rm -f $(DESTDIR)$(CONFDIR)/quotas.yaml"; rm -f $(DESTDIR)$(CONFDIR)/quotas.yaml; \
	  rmdir $(DESTDIR)$(CONFDIR) 2>/dev/null || true; \
	fi
	rm -f $(DESTDIR)$(BINDIR)/quota-cli
	rm -f $(DESTDIR)$(DATADIR)/quota-cli.jar $(DESTDIR)$(DATADIR)/quota-cli.jsa \
	  $(DESTDIR)$(DATADIR)/quotas.yaml $(DESTDIR)$(DATADIR)/quota-cli.env.example
	rmdir $(DESTDIR)$(DATADIR) 2>/dev/null || true
	for u in $(UNITS); do rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/$$u; done
	rm -f $(DESTDIR)$(SYSUSERSDIR)/quota-cli.conf $(DESTDIR)$(TMPFILESDIR)/quota-cli.conf
	rm -f $(DESTDIR)$(CRONDIR)/quota-cli
	rm -f $(DESTDIR)$(COMPLETIONDIR)/quota-cli $(DESTDIR)$(MAN1DIR)/quota-cli.1
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@if [ -z "$(DESTDIR)" ] && [ -d $(TEXTFILE_DIR) ] && command -v setfacl >/dev/null 2>&1 && getent passwd quota-cli >/dev/null; then \
	  echo "setfacl -x u:quota-cli $(TEXTFILE_DIR)"; setfacl -x u:quota-cli $(TEXTFILE_DIR) || true; \
	fi
	@if [ -d $(DESTDIR)$(CONFDIR) ]; then echo "kept $(DESTDIR)$(CONFDIR) (configuration)"; fi
	@if [ -z "$(DESTDIR)" ]; then echo "kept /var/lib/quota-cli (caches) and the quota-cli user"; fi

# The Kubernetes ConfigMap holding quotas.yaml (PackagingIT fails when the two differ).
K8S_QUOTAS = deploy/kubernetes/quotas-configmap.yaml
k8s-quotas:
	{ echo '# Generated from quotas.yaml by `make k8s-quotas`: edit quotas.yaml, not this file.'; \
	  echo 'apiVersion: v1'; \
	  echo 'kind: ConfigMap'; \
	  echo 'metadata:'; \
	  echo '  name: quota-cli-quotas'; \
	  echo '  namespace: quota-cli'; \
	  echo '  labels:'; \
	  echo '    app.kubernetes.io/name: quota-cli'; \
	  echo 'data:'; \
	  echo '  quotas.yaml: |'; \
	  sed -e 's/^./    &/' quotas.yaml; } >$(K8S_QUOTAS).tmp
	mv $(K8S_QUOTAS).tmp $(K8S_QUOTAS)
