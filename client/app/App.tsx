import { Route, Router } from '@solidjs/router'
import { type Component, lazy, type ParentComponent, Suspense } from 'solid-js'
import { AppShell } from './AppShell.tsx'
import { type I18nContextValue, I18nProvider, useI18n } from './i18n.tsx'

// Each page is its own chunk: a participant opening a link never downloads the home page,
// and the home page never downloads Yjs.
const HomePage = lazy(() => import('../features/home/HomePage.tsx'))
const WorkshopPage = lazy(() => import('../features/workspace/WorkshopPage.tsx'))
// The projector (a big read-only screen in the room) is its own chunk too.
const ProjectorPage = lazy(() => import('../features/projector/ProjectorPage.tsx'))

const Loading: Component = () => {
  const { t } = useI18n()
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  )
}

const NotFound: Component = () => {
  const { t } = useI18n()
  return (
    <AppShell>
      <section class="page page--narrow">
        <h1>{t('app.notFound.title')}</h1>
        <p>{t('app.notFound.body')}</p>
        <p>
          <a href="/">{t('app.notFound.back')}</a>
        </p>
      </section>
    </AppShell>
  )
}

const Root: ParentComponent = (props) => (
  <Suspense fallback={<Loading />}>{props.children}</Suspense>
)

export const AppRoutes: Component = () => (
  <Router root={Root}>
    <Route path="/" component={HomePage} />
    <Route path="/w/:id" component={WorkshopPage} />
    <Route path="/w/:id/projector" component={ProjectorPage} />
    <Route path="*" component={NotFound} />
  </Router>
)

export const App: Component<{ i18n?: I18nContextValue }> = (props) => (
  <I18nProvider value={props.i18n}>
    <AppRoutes />
  </I18nProvider>
)
