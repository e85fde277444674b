package io.kilowire.core.configuration;

import java.util.List;

/**
 * The authorization variables of a 2.1 station beyond 2.0.1's list here: DisablePostAuthorize of
 * the authorization cache (C10.FR.03, C12.FR.05) and of the local list (C14.FR.03). true: online
 * with local pre-authorization, a token the store holds with a status other than Accepted is
 * refused at once instead of being asked about again (Authorize). Listed on a 2.1 station only; a
 * 2.0.1 station reads their defaults (post-authorization on).
 */
public final class V21AuthVariables {
  private V21AuthVariables() {}

  public static final DeviceVariable<Boolean> CACHE_DISABLE_POST_AUTHORIZE =
      DeviceVariable.of(
          V201Variables.AuthCacheCtrlr.ID,
          VariableId.of("DisablePostAuthorize"),
          ValueType.bool(),
          false,
          Key::readWrite);

  public static final DeviceVariable<Boolean> LOCAL_LIST_DISABLE_POST_AUTHORIZE =
      DeviceVariable.of(
          V201Variables.LocalAuthListCtrlr.ID,
          VariableId.of("DisablePostAuthorize"),
          ValueType.bool(),
          false,
          Key::readWrite);

  public static final List<DeviceVariable<?>> ALL =
      List.of(CACHE_DISABLE_POST_AUTHORIZE, LOCAL_LIST_DISABLE_POST_AUTHORIZE);
}
