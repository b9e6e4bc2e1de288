/**
 * Geography: administrative divisions, grids on five levels, police stations, police
 * grids and police rooms, the point locator every other module routes by, and GeoJSON
 * import with topology checks.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package org.fengqiao.geo;
