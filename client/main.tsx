import { render } from 'solid-js/web'
import { App } from './app/App.tsx'
import { captureTokenFromAddress } from './features/workspace/token.ts'
import { registerServiceWorker } from './offline/register.ts'
import './styles.css'

captureTokenFromAddress()
registerServiceWorker()

const root = document.getElementById('app')
if (!root) throw new Error('index.html has no #app element')
render(() => <App />, root)
