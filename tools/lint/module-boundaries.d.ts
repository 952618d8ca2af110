// Types of module-boundaries.js (plain CommonJS so eslint.config.mjs can load it).

export interface DepConstraint {
  sourceTag: string;
  onlyDependOnLibsWithTags: string[];
  bannedExternalImports?: string[];
}

export interface ModuleBoundariesOptions {
  allow: string[];
  enforceBuildableLibDependency: boolean;
  depConstraints: DepConstraint[];
}

export declare const TYPE_RULES: Record<string, string[]>;
export declare const SCOPE_RULES: Record<string, string[]>;
export declare function moduleBoundaries(options: { forTests: boolean }): ModuleBoundariesOptions;
