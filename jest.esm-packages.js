/**
 * TypeBox and feed ship only ES modules; Jest (on Node < 24.9) loads test code as CommonJS, so it
 * compiles their files to CommonJS too. Node itself loads them as they are (require of ES modules).
 */
/** @type {Pick<import('jest').Config, 'transform' | 'transformIgnorePatterns'>} */
module.exports = {
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '/node_modules/(typebox/.+\\.mjs|feed/lib/.+\\.js)$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', target: 'ES2022' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!typebox/|feed/)'],
};
