package dev.quotacli.collect;

import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.IncreaseRequest;
import java.util.List;
import java.util.Optional;

/** Service Quotas for one account and region. Failures are thrown as {@link ApiException}. */
public interface QuotaSource {
  /** Every quota of the service that has an applied value (all pages). */
  List<ApiQuota> listApplied(String service);

  /** Every quota of the service with its AWS default value (all pages). */
  List<ApiQuota> listDefaults(String service);

  /** The applied value of one quota, or empty where there is none (NoSuchResourceException). */
  Optional<ApiQuota> getApplied(String service, String quotaCode);

  /** The AWS default of one quota, or empty where AWS knows no such quota. */
  Optional<ApiQuota> getDefault(String service, String quotaCode);

  /**
   * The account's quota increase requests in this region, of every service (all pages of
   * ListRequestedServiceQuotaChangeHistory, no service filter); requests with a status this version
   * does not know are left out.
   */
  List<IncreaseRequest> listRequests();
}
