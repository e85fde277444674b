package io.kilowire.core.ocpp.json;

/**
 * Bounds checked while a frame is read, before any of it reaches the message model, so a hostile or
 * broken peer cannot exhaust memory or the stack.
 *
 * @param maxFrameChars the largest frame accepted, in UTF-16 characters
 * @param maxDepth the deepest nesting of arrays and objects, counting the frame array itself
 * @param maxArrayLength the most elements in any one array
 * @param maxStringLength the longest string value or property name
 */
public record JsonLimits(int maxFrameChars, int maxDepth, int maxArrayLength, int maxStringLength) {
  /**
   * Defaults sized for OCPP: the largest schema strings are certificate chains (10,000 characters
   * in 2.0.1) and schedules hold at most 1,024 periods; a full local list or report page stays far
   * below these bounds.
   */
  public static final JsonLimits DEFAULT = new JsonLimits(1 << 20, 24, 20_000, 65_536);

  public JsonLimits {
    if (maxFrameChars < 64 || maxDepth < 4 || maxArrayLength < 1 || maxStringLength < 36) {
      throw new IllegalArgumentException("JSON limits too small to carry any OCPP frame");
    }
  }
}
