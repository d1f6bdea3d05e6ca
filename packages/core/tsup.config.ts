import { packageBuild } from '../../tsup.config.base';

export default packageBuild({
  index: 'src/index.ts',
  'plugin/index': 'src/plugin/index.ts',
  'testing/index': 'src/testing/index.ts',
  'node/index': 'src/node/index.ts',
});
