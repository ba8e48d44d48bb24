export { heatmap, type HeatmapCell, type HeatmapOptions, type HeatmapSort } from './heatmap.ts';
export { icicle, type IcicleOptions } from './icicle.ts';
export { fitBars, FIT_SEGMENTS, type FitBar, type FitBarsOptions } from './fit-bars.ts';
export { pathwayChart, PATHWAY_STYLES, type PathwayData, type PathwayOptions, type PathwayPoint, type PathwaySeries } from './pathway.ts';
export { trendLines, topTrends, type TrendSeries, type TrendsOptions } from './trends.ts';
export { legend, type LegendData, type LegendOptions, type Swatch } from './legend.ts';
export { buildTree, pathTo, searchTree, TREE_ROOT_ID, type FlatTreeNode, type SkillTree, type TreeNode } from './tree.ts';
export { naiveIcicle } from './naive-icicle.ts';
