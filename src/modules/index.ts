// Every feature module of the application, in registration order.
import { accountsModule } from './accounts/manifest.ts';
import { collectivitiesModule } from './collectivities/manifest.ts';
import type { ModuleManifest } from './manifest.ts';
import { programmeModule } from './programme/manifest.ts';
import { cocreationModule } from './cocreation/manifest.ts';
import { trackingModule } from './tracking/manifest.ts';
import { evaluationModule } from './evaluation/manifest.ts';
import { transferModule } from './transfer/manifest.ts';
import { budgetModule } from './budget/manifest.ts';
import { dialogueModule } from './dialogue/manifest.ts';
import { ieecagModule } from './ieecag/manifest.ts';
import { servicesModule } from './services/manifest.ts';
import { surveysModule } from './surveys/manifest.ts';
import { informationModule } from './information/manifest.ts';
import { networkModule } from './network/manifest.ts';

export const modules: ModuleManifest[] = [collectivitiesModule, accountsModule, programmeModule, cocreationModule, trackingModule, evaluationModule, transferModule, budgetModule, dialogueModule, ieecagModule, servicesModule, surveysModule, informationModule, networkModule];
