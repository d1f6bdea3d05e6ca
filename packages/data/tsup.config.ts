import { packageBuild } from '../../tsup.config.base';

export default packageBuild({ index: 'src/index.ts', 'node/index': 'src/node/index.ts' });
