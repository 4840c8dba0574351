package dev.quotacli.config;

/**
 * One quota to collect, named by code.
 *
 * @param code the Service Quotas code, e.g. {@code L-1216C47A}
 * @param name a human name for documentation; the exported name is the one AWS answers with
 */
public record QuotaConfig(String code, String name) {}
